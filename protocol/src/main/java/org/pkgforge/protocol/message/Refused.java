package org.pkgforge.protocol.message;

/**
 * Controller → agent: handshake refused. {@code permanent} tells the agent not to retry (bad
 * token, version mismatch) as opposed to a transient refusal.
 */
public record Refused(String reason, boolean permanent) implements Message {}
