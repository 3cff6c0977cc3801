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
        HostsConfig hosts,
        SftpConfig sftp,
        WebSettings web,
        BuildSettings builds,
        ReportSettings reports,
        SigningSettings signing) {

    /** Fills in what defaults to a place under the state directory inside other settings. */
    public ControllerConfig {
        builds = builds.withDefaultChrootDirectory(stateDir.resolve("chroots"));
    }

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

    /**
     * How the controller reaches build hosts over SSH. {@code agentStuckAfter}: an agent process
     * that lives but has not connected for this long is killed and started again.
     */
    public record HostsConfig(
            Path identityFile,
            Optional<Path> agentJar,
            Duration connectTimeout,
            Duration commandTimeout,
            Duration keepAlive,
            Duration agentStuckAfter,
            Duration reconnectBase,
            Duration reconnectCap) {
        public static HostsConfig defaults(Path stateDir) {
            return new HostsConfig(
                    stateDir.resolve("ssh").resolve("id_ed25519"),
                    Optional.empty(),
                    Duration.ofSeconds(15),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(5),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(30));
        }
    }

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
                HostsConfig.defaults(s),
                SftpConfig.disabled(),
                WebSettings.defaults(),
                BuildSettings.defaults(),
                ReportSettings.none(),
                SigningSettings.none());
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
        return toBuilder().webPort(port).build();
    }

    public ControllerConfig withDatabase(DatabaseConfig db) {
        return toBuilder().database(Optional.of(db)).build();
    }

    public ControllerConfig withWaitForJob(Duration wait) {
        return toBuilder().waitForJob(wait).build();
    }

    public ControllerConfig withLocalAgent(LocalAgentConfig agent) {
        return toBuilder().localAgent(agent).build();
    }

    public ControllerConfig withSftp(SftpConfig server) {
        return toBuilder().sftp(server).build();
    }

    public ControllerConfig withWeb(WebSettings settings) {
        return toBuilder().web(settings).build();
    }

    public ControllerConfig withBuilds(BuildSettings settings) {
        return toBuilder().builds(settings).build();
    }

    public ControllerConfig withReports(ReportSettings settings) {
        return toBuilder().reports(settings).build();
    }

    public ControllerConfig withSigning(SigningSettings settings) {
        return toBuilder().signing(settings).build();
    }

    public ControllerConfig withHosts(HostsConfig hostsConfig) {
        return toBuilder().hosts(hostsConfig).build();
    }

    /** Timings of agents and leases (tests shorten them). */
    public ControllerConfig withTimings(Duration heartbeatPeriod, Duration leaseLength) {
        return toBuilder().heartbeat(heartbeatPeriod).lease(leaseLength).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with some components changed; the record's canonical constructor stays the one check. */
    public static final class Builder {
        private Path stateDir;
        private Path dropDir;
        private Path acceptedDir;
        private Path rejectedDir;
        private Path resultsDir;
        private Path reposDir;
        private String repoLayout;
        private Optional<DatabaseConfig> database;
        private String webBind;
        private int webPort;
        private Optional<String> webUrl;
        private String agentBind;
        private int agentPort;
        private Duration rescanInterval;
        private Duration waitForJob;
        private Duration heartbeat;
        private Duration lease;
        private LocalAgentConfig localAgent;
        private HostsConfig hosts;
        private SftpConfig sftp;
        private WebSettings web;
        private BuildSettings builds;
        private ReportSettings reports;
        private SigningSettings signing;

        private Builder(ControllerConfig c) {
            stateDir = c.stateDir;
            dropDir = c.dropDir;
            acceptedDir = c.acceptedDir;
            rejectedDir = c.rejectedDir;
            resultsDir = c.resultsDir;
            reposDir = c.reposDir;
            repoLayout = c.repoLayout;
            database = c.database;
            webBind = c.webBind;
            webPort = c.webPort;
            webUrl = c.webUrl;
            agentBind = c.agentBind;
            agentPort = c.agentPort;
            rescanInterval = c.rescanInterval;
            waitForJob = c.waitForJob;
            heartbeat = c.heartbeat;
            lease = c.lease;
            localAgent = c.localAgent;
            hosts = c.hosts;
            sftp = c.sftp;
            web = c.web;
            builds = c.builds;
            reports = c.reports;
            signing = c.signing;
        }

        public Builder webPort(int value) {
            webPort = value;
            return this;
        }

        public Builder database(Optional<DatabaseConfig> value) {
            database = value;
            return this;
        }

        public Builder waitForJob(Duration value) {
            waitForJob = value;
            return this;
        }

        public Builder heartbeat(Duration value) {
            heartbeat = value;
            return this;
        }

        public Builder lease(Duration value) {
            lease = value;
            return this;
        }

        public Builder localAgent(LocalAgentConfig value) {
            localAgent = value;
            return this;
        }

        public Builder hosts(HostsConfig value) {
            hosts = value;
            return this;
        }

        public Builder sftp(SftpConfig value) {
            sftp = value;
            return this;
        }

        public Builder web(WebSettings value) {
            web = value;
            return this;
        }

        public Builder builds(BuildSettings value) {
            builds = value;
            return this;
        }

        public Builder reports(ReportSettings value) {
            reports = value;
            return this;
        }

        public Builder signing(SigningSettings value) {
            signing = value;
            return this;
        }

        public ControllerConfig build() {
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
                    hosts,
                    sftp,
                    web,
                    builds,
                    reports,
                    signing);
        }
    }
}
