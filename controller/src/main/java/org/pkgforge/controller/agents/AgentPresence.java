package org.pkgforge.controller.agents;

/**
 * Which agents are connected, for the launchers that keep them running. Listeners are called on
 * the agent's session thread and must not block.
 */
public interface AgentPresence {
    boolean isOnline(String agentName);

    void addListener(Listener listener);

    /** Connection events of one agent. */
    interface Listener {
        void connected(String agentName);

        void disconnected(String agentName, String reason);

        /** The controller refused the agent for good (version mismatch, spent or unknown secret). */
        void refused(String agentName, String reason);
    }
}
