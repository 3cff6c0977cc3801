package org.pkgforge.protocol.message;

/** Agent → controller, first frame. The token is the one-time launch token the
 * launcher handed over (first connection) or the session key from {@link Welcome} (later ones). */
public record Hello(int protocolVersion, String agentVersion, String agentName, String token, int slots)
        implements Message {
    @Override
    public String toString() {
        return "Hello[protocolVersion=" + protocolVersion + ", agentVersion=" + agentVersion + ", agentName="
                + agentName + ", token=***, slots=" + slots + "]";
    }
}
