package org.pkgforge.controller.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.pkgforge.controller.agents.AgentTokens;
import org.pkgforge.controller.config.ControllerConfig.LocalAgentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an agent as a child process of the controller, for single-machine farms and the
 * quickstart. It speaks the same protocol as agents on build hosts; its token goes over the
 * child's stdin, never its command line. A child that dies is started again with backoff.
 */
public final class LocalLauncher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalLauncher.class);

    private final LocalAgentConfig config;
    private final Path workDir;
    private final AgentTokens tokens;
    private final IntSupplier controllerPort;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Process process;

    public LocalLauncher(LocalAgentConfig config, Path workDir, AgentTokens tokens, IntSupplier controllerPort) {
        this.config = config;
        this.workDir = workDir;
        this.tokens = tokens;
        this.controllerPort = controllerPort;
        this.thread = new Thread(this::supervise, "local-agent-" + config.name());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void supervise() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                long started = System.nanoTime();
                int exit = runOnce();
                if (!running) {
                    return;
                }
                if (Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(1)) > 0) {
                    backoff = Duration.ofSeconds(1);
                }
                log.warn("local agent {} exited with {}; restarting in {}", config.name(), exit, backoff);
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                log.error("cannot start local agent {}: {}", config.name(), e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private int runOnce() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        String token = tokens.issue(config.name());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(config.classpath().orElse(System.getProperty("java.class.path")));
        command.add("org.pkgforge.agent.AgentMain");
        command.add("--controller");
        command.add("127.0.0.1:" + controllerPort.getAsInt());
        command.add("--name");
        command.add(config.name());
        command.add("--work-dir");
        command.add(workDir.toString());
        command.add("--slots");
        command.add(Integer.toString(config.slots()));
        Path logFile = workDir.resolve("agent.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        process = p;
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write((token + "\n").getBytes(StandardCharsets.UTF_8));
        }
        log.info("local agent {} started (pid {}, log {})", config.name(), p.pid(), logFile);
        return p.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        tokens.revoke(config.name());
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        thread.interrupt();
    }
}
