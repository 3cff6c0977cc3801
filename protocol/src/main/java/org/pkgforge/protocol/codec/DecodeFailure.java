package org.pkgforge.protocol.codec;

/**
 * Fired down the pipeline as a user event just before the decoder closes the channel, so the
 * application handler can record why a peer was dropped (for example on the agent's page).
 */
public record DecodeFailure(ProtocolException.Kind kind, String reason) {}
