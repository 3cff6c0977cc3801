package org.pkgforge.controller.agents;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time launch tokens the launchers hand to the agents they start (over the process's stdin,
 * never argv). A token names its agent and is spent by that agent's first Hello; from then on the
 * agent presents the session key the controller gave it in Welcome. Launching again replaces the
 * agent's unspent token.
 */
public final class AgentTokens {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> tokenByAgent = new ConcurrentHashMap<>();

    public String issue(String agentName) {
        String token = newSecret();
        tokenByAgent.put(agentName, token);
        return token;
    }

    /** True, once, when {@code token} is the unspent launch token issued for {@code agentName}. */
    public boolean consume(String agentName, String token) {
        String expected = tokenByAgent.get(agentName);
        if (expected == null || token == null || !constantTimeEquals(expected, token)) {
            return false;
        }
        return tokenByAgent.remove(agentName, expected);
    }

    public void revoke(String agentName) {
        tokenByAgent.remove(agentName);
    }

    /** 256 random bits, URL-safe base64. */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
