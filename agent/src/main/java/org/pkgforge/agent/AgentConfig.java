package org.pkgforge.agent;

import java.nio.file.Path;
import java.time.Duration;
import org.pkgforge.agent.connection.ControllerLocator;

/**
 * Everything an agent needs to run. {@code token} is the controller's one-time secret: it is never
 * printed (see {@link #toString()}).
 */
public record AgentConfig(
        ControllerLocator controller,
        String name,
        Path workDir,
        int slots,
        String token,
        boolean keepWork,
        Duration reconnectBase,
        Duration reconnectCap) {
    public static final Duration DEFAULT_RECONNECT_BASE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_CAP = Duration.ofSeconds(30);

    public AgentConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("agent name is empty");
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token: the first line of stdin must be the one-time token");
        }
        workDir = workDir.toAbsolutePath().normalize();
    }

    /** The defaults for everything not on the command line. */
    public static AgentConfig of(ControllerLocator controller, String name, Path workDir, int slots, String token) {
        return new AgentConfig(
                controller, name, workDir, slots, token, false, DEFAULT_RECONNECT_BASE, DEFAULT_RECONNECT_CAP);
    }

    public AgentConfig withKeepWork(boolean keep) {
        return new AgentConfig(controller, name, workDir, slots, token, keep, reconnectBase, reconnectCap);
    }

    public AgentConfig withReconnectBase(Duration base) {
        return new AgentConfig(controller, name, workDir, slots, token, keepWork, base, reconnectCap);
    }

    @Override
    public String toString() {
        return "AgentConfig[controller=" + controller + ", name=" + name + ", workDir=" + workDir + ", slots=" + slots
                + ", keepWork=" + keepWork + "]";
    }
}
