package org.pkgforge.controller.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.host.HostCommand;
import org.pkgforge.controller.launch.HostRegistration;
import org.pkgforge.controller.launch.HostSpec;
import org.pkgforge.controller.ssh.ControllerIdentity;
import org.pkgforge.controller.ssh.HostKeys;
import org.pkgforge.controller.testing.ssh.OpenSshServerFixture;
import org.pkgforge.controller.testing.ssh.SshHostFixture;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * A farm whose agents live on build hosts reached over SSH: real OpenSSH sshd servers on
 * 127.0.0.1 (one per host, each with its own port and host key), registered in the registry with
 * pinned keys, and the controller's configuration with short heartbeats so faults show quickly.
 * Every host's agent directory is under the test's directory, so tests can read its pid file.
 */
public final class BuildHostsFixture implements AutoCloseable {
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** The controller closes a connection silent for three heartbeats. */
    public static final Duration HEARTBEAT_TIMEOUT = HEARTBEAT.multipliedBy(3);

    private final Path dir;
    private final ControllerConfig config;
    private final ControllerIdentity identity;
    private final Map<String, SshHostFixture> servers = new LinkedHashMap<>();
    private final Map<String, Path> workDirs = new LinkedHashMap<>();
    private final List<AutoCloseable> extra = new ArrayList<>();

    private BuildHostsFixture(Path dir, ControllerConfig config, ControllerIdentity identity) {
        this.dir = dir;
        this.config = config;
        this.identity = identity;
    }

    /** The controller's configuration (no local agent) and its SSH identity, made up front. */
    public static BuildHostsFixture create(Path dir, PostgresExtension pg, Duration lease) throws IOException {
        ControllerConfig base = FarmFixture.config(dir.resolve("state"), pg, List.of());
        ControllerConfig.HostsConfig hosts = base.hosts();
        ControllerConfig config = base.withTimings(HEARTBEAT, lease)
                .withHosts(new ControllerConfig.HostsConfig(
                        hosts.identityFile(),
                        hosts.agentJar(),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(2),
                        // Long enough that a stopped (SIGSTOP) agent is never restarted under a test.
                        Duration.ofMinutes(3),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(2)));
        return new BuildHostsFixture(dir, config, ControllerIdentity.loadOrCreate(hosts.identityFile()));
    }

    public ControllerConfig config() {
        return config;
    }

    public ControllerIdentity identity() {
        return identity;
    }

    /** An active, auto platform for this machine's arch; returns its label. */
    public static String platform(Jdbi jdbi, String name) {
        String arch = FarmFixture.rpmArch();
        PlatformDao platforms = jdbi.onDemand(PlatformDao.class);
        if (platforms.find(name, arch).isEmpty()) {
            platforms.add(name, arch);
        }
        platforms.activate(name, arch);
        return name + "/" + arch;
    }

    /** Starts an OpenSSH server that accepts the controller's key. */
    public OpenSshServerFixture startOpenSsh(String name) throws IOException {
        OpenSshServerFixture server =
                OpenSshServerFixture.start(dir.resolve("sshd-" + name), List.of(identity.authorizedKeysLine()));
        servers.put(name, server);
        return server;
    }

    /** Registers a started server as a build host, its key pinned, as {@code host add} would. */
    public void register(Jdbi jdbi, String name, SshHostFixture server, List<String> platforms, int slots)
            throws IOException {
        register(jdbi, name, server, platforms, slots, "java", HostKeys.parse(server.hostPublicKey()));
    }

    public void register(
            Jdbi jdbi,
            String name,
            SshHostFixture server,
            List<String> platforms,
            int slots,
            String java,
            java.security.PublicKey pinned)
            throws IOException {
        servers.putIfAbsent(name, server);
        Path work = workDirFor(name);
        new HostRegistration(jdbi, null)
                .add(
                        new HostSpec(
                                name,
                                new org.pkgforge.sql.row.Host.SshTarget(server.user(), "127.0.0.1", server.port()),
                                platforms,
                                slots,
                                work.toString(),
                                java),
                        pinned);
    }

    /**
     * An agent directory under the test's directory for a host registered some other way (the
     * admin web page); its agent is killed on close like the others.
     */
    public Path workDirFor(String name) throws IOException {
        Path work = Files.createDirectories(dir.resolve("host-" + name));
        workDirs.put(name, work);
        return work;
    }

    /** Waits until the registry shows the host's agent connected. */
    public static void awaitOnline(Jdbi jdbi, String host) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> jdbi.onDemand(org.pkgforge.sql.dao.HostDao.class)
                                .find(host)
                                .orElseThrow()
                                .state(),
                        "online"::equals);
    }

    public SshHostFixture server(String name) {
        return servers.get(name);
    }

    public Path workDir(String name) {
        return workDirs.get(name);
    }

    /** The pid the host's agent recorded, if it runs. */
    public Optional<Long> agentPid(String name) {
        try {
            Path pidFile = workDirs.get(name).resolve("agent.pid");
            long pid = Long.parseLong(
                    Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void signalAgent(String name, String signal) throws IOException {
        long pid = agentPid(name).orElseThrow(() -> new IllegalStateException("no agent running on " + name));
        signal(pid, signal);
    }

    public void keep(AutoCloseable closeable) {
        extra.add(closeable);
    }

    @Override
    public void close() throws Exception {
        for (String name : workDirs.keySet()) {
            agentPid(name).ifPresent(pid -> {
                try {
                    signal(pid, "CONT");
                    // The agent leads its own process group: take its builds along.
                    signal(-pid, "KILL");
                } catch (IOException e) {
                    // Already gone.
                }
            });
        }
        for (AutoCloseable c : extra) {
            c.close();
        }
        for (SshHostFixture s : servers.values()) {
            s.close();
        }
    }

    /** kill(1), through the real command; a negative pid signals a process group. */
    private static void signal(long pid, String signal) throws IOException {
        HostCommand.run(List.of("kill", "-" + signal, "--", Long.toString(pid)), Path.of("/"), Duration.ofSeconds(10));
    }
}
