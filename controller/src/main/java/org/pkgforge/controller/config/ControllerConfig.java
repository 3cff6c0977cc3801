package org.pkgforge.controller.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the controller process needs to know. Every directory hangs off {@code stateDir}
 * unless set explicitly. With no {@code database}, the controller runs its own PostgreSQL.
 */
public record ControllerConfig(
        Path stateDir,
        Path dropDir,
        Path acceptedDir,
        Path rejectedDir,
        Path resultsDir,
        Path reposDir,
        String repoLayout,
        Optional<DatabaseConfig> database,
        String webBind,
        int webPort,
        Optional<String> webUrl,
        String agentBind,
        int agentPort,
        Duration rescanInterval,
        Duration waitForJob,
        Duration heartbeat,
        Duration lease,
        LocalAgentConfig localAgent,
        BuildSettings builds,
        ReportSettings reports) {

    /** An external PostgreSQL: the owner migrates, the controller and web users connect. */
    public record DatabaseConfig(
            String jdbcUrl,
            String ownerUser,
            String ownerPassword,
            String controllerUser,
            String controllerPassword,
            String webUser,
            String webPassword) {}

    /** The agent started as a child process for single-machine farms (empty platforms: none). */
    public record LocalAgentConfig(String name, int slots, List<String> platforms, Optional<String> classpath) {}

    public static ControllerConfig defaults(Path stateDir) {
        Path s = stateDir.toAbsolutePath().normalize();
        return new ControllerConfig(
                s,
                s.resolve("incoming"),
                s.resolve("accepted"),
                s.resolve("rejected"),
                s.resolve("results"),
                s.resolve("repos"),
                "{bucket}/{platform}/{arch}",
                Optional.empty(),
                "127.0.0.1",
                8080,
                Optional.empty(),
                "127.0.0.1",
                0,
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                new LocalAgentConfig("local", 1, List.of(), Optional.empty()),
                BuildSettings.defaults(),
                ReportSettings.none());
    }

    /** The repository directory for one bucket and target, from {@link #repoLayout}. */
    public Path repoFor(String bucket, String platform, String arch) {
        String relative = repoLayout
                .replace("{bucket}", bucket)
                .replace("{platform}", platform)
                .replace("{arch}", arch);
        Path repo = reposDir.resolve(relative).normalize();
        if (!repo.startsWith(reposDir)) {
            throw new IllegalArgumentException("repository path escapes the repos directory: " + relative);
        }
        return repo;
    }

    public ControllerConfig withWebPort(int port) {
        return new ControllerConfig(
                stateDir,
                dropDir,
                acceptedDir,
                rejectedDir,
                resultsDir,
                reposDir,
                repoLayout,
                database,
                webBind,
                port,
                webUrl,
                agentBind,
                agentPort,
                rescanInterval,
                waitForJob,
                heartbeat,
                lease,
                localAgent,
                builds,
                reports);
    }

    public ControllerConfig withDatabase(DatabaseConfig db) {
        return new ControllerConfig(
                stateDir,
                dropDir,
                acceptedDir,
                rejectedDir,
                resultsDir,
                reposDir,
                repoLayout,
                Optional.of(db),
                webBind,
                webPort,
                webUrl,
                agentBind,
                agentPort,
                rescanInterval,
                waitForJob,
                heartbeat,
                lease,
                localAgent,
                builds,
                reports);
    }

    public ControllerConfig withWaitForJob(Duration wait) {
        return new ControllerConfig(
                stateDir,
                dropDir,
                acceptedDir,
                rejectedDir,
                resultsDir,
                reposDir,
                repoLayout,
                database,
                webBind,
                webPort,
                webUrl,
                agentBind,
                agentPort,
                rescanInterval,
                wait,
                heartbeat,
                lease,
                localAgent,
                builds,
                reports);
    }

    public ControllerConfig withBuilds(BuildSettings settings) {
        return new ControllerConfig(
                stateDir,
                dropDir,
                acceptedDir,
                rejectedDir,
                resultsDir,
                reposDir,
                repoLayout,
                database,
                webBind,
                webPort,
                webUrl,
                agentBind,
                agentPort,
                rescanInterval,
                waitForJob,
                heartbeat,
                lease,
                localAgent,
                settings,
                reports);
    }

    public ControllerConfig withReports(ReportSettings settings) {
        return new ControllerConfig(
                stateDir,
                dropDir,
                acceptedDir,
                rejectedDir,
                resultsDir,
                reposDir,
                repoLayout,
                database,
                webBind,
                webPort,
                webUrl,
                agentBind,
                agentPort,
                rescanInterval,
                waitForJob,
                heartbeat,
                lease,
                localAgent,
                builds,
                settings);
    }

    public ControllerConfig withLocalAgent(LocalAgentConfig agent) {
        return new ControllerConfig(
                stateDir,
                dropDir,
                acceptedDir,
                rejectedDir,
                resultsDir,
                reposDir,
                repoLayout,
                database,
                webBind,
                webPort,
                webUrl,
                agentBind,
                agentPort,
                rescanInterval,
                waitForJob,
                heartbeat,
                lease,
                agent,
                builds,
                reports);
    }
}
