package org.pkgforge.protocol.message;

/** Controller → agent: handshake accepted; heartbeats are expected every {@code heartbeatMillis}. */
public record Welcome(int protocolVersion, String controllerVersion, long heartbeatMillis) implements Message {}
