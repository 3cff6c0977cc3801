package org.pkgforge.agent.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pkgforge.agent.Agent;
import org.pkgforge.agent.AgentConfig;
import org.pkgforge.agent.build.Builders;

/** An in-process agent on its own thread, pointed at a {@link FakeController}. */
public final class RunningAgent implements AutoCloseable {
    public static final String TOKEN = "one-time-token-for-tests";

    private final Agent agent;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private RunningAgent(AgentConfig config, Builders builders) {
        agent = new Agent(config, builders);
        Thread thread = new Thread(
                () -> {
                    try {
                        exit.complete(agent.run());
                    } catch (Throwable t) {
                        exit.completeExceptionally(t);
                    }
                },
                "test-agent");
        thread.setDaemon(true);
        thread.start();
    }

    /** Quick reconnects, so tests that drop connections stay fast. */
    public static AgentConfig config(FakeController controller, Path workDir, int slots) {
        return AgentConfig.of(controller.address(), "test-agent", workDir, slots, TOKEN)
                .withReconnectBase(Duration.ofMillis(50));
    }

    public static RunningAgent start(AgentConfig config, Builders builders) {
        return new RunningAgent(config, builders);
    }

    /** The exit code, within the test timeout. */
    public int awaitExit() throws Exception {
        return exit.get(FakeController.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        agent.close();
        try {
            exit.get(FakeController.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("agent did not stop cleanly", e);
        }
    }
}
