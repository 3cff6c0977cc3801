package org.pkgforge.controller.agents;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets the launchers hand to the agents they start (over the process's stdin, never argv).
 * A token names its agent, and stays valid while that agent process lives, so the agent can
 * reconnect after a dropped connection; relaunching revokes it.
 */
public final class AgentTokens {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> agentByToken = new ConcurrentHashMap<>();

    public String issue(String agentName) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        agentByToken.values().removeIf(agentName::equals);
        agentByToken.put(token, agentName);
        return token;
    }

    public Optional<String> agentFor(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(agentByToken.get(token));
    }

    public void revoke(String agentName) {
        agentByToken.values().removeIf(agentName::equals);
    }
}
