package org.pkgforge.protocol.message;

/**
 * Controller → agent: handshake accepted; heartbeats are expected every {@code heartbeatMillis}.
 * {@code sessionKey} is the secret the agent presents on every later connection: the launch token
 * it sent in {@link Hello} is spent once it is welcomed. An empty key means "keep the one you have".
 */
public record Welcome(int protocolVersion, String controllerVersion, long heartbeatMillis, String sessionKey)
        implements Message {
    @Override
    public String toString() {
        return "Welcome[protocolVersion=" + protocolVersion + ", controllerVersion=" + controllerVersion
                + ", heartbeatMillis=" + heartbeatMillis + ", sessionKey=" + (sessionKey.isEmpty() ? "" : "***") + "]";
    }
}
