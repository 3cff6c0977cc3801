package org.pkgforge.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.pkgforge.agent.build.Builders;
import org.pkgforge.agent.connection.ControllerConnection;
import org.pkgforge.agent.logs.LogPump;
import org.pkgforge.agent.task.Attempts;
import org.pkgforge.protocol.ProtocolVersion;
import org.pkgforge.protocol.message.Hello;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the agent's parts by hand and runs until closed or permanently refused. */
public final class Agent implements AutoCloseable {
    /** Exit code when the controller refuses this agent for good (bad token, wrong version). */
    public static final int EXIT_REFUSED = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private final AgentConfig config;
    private final LogPump pump;
    private final ControllerConnection connection;
    private final Attempts attempts;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    public Agent(AgentConfig config, Builders builders) {
        this.config = config;
        this.pump = new LogPump(LogPump.DEFAULT_PERIOD);
        this.connection = new ControllerConnection(new ControllerConnection.Settings(
                config.controller(),
                new Hello(ProtocolVersion.CURRENT, version(), config.name(), config.token(), config.slots()),
                config.reconnectBase(),
                config.reconnectCap(),
                HANDSHAKE_TIMEOUT));
        this.attempts = new Attempts(
                new Attempts.Settings(config.workDir(), config.slots(), config.keepWork()), builders, pump, connection);
    }

    /** The version in the jar's manifest, or "dev" when run from a build tree. */
    public static String version() {
        String version = Agent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * Connects and serves until {@link #close()} (returns 0) or a permanent refusal (returns
     * {@link #EXIT_REFUSED}).
     */
    public int run() throws IOException, InterruptedException {
        Files.createDirectories(config.workDir());
        attempts.removeLeftovers();
        LOG.info("Agent {} {} starting: {}", config.name(), version(), config);
        connection.permanentRefusal().thenAccept(reason -> exit.complete(EXIT_REFUSED));
        connection.start(attempts);
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit code never fails", e);
        }
    }

    /** Why the controller refused this agent, once it did. */
    public CompletableFuture<String> refusal() {
        return connection.permanentRefusal();
    }

    @Override
    public void close() {
        attempts.close();
        connection.close();
        pump.close();
        exit.complete(0);
    }
}
