package org.pkgforge.controller.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.agent.connection.Backoff;
import org.pkgforge.controller.agents.AgentTokens;
import org.pkgforge.controller.config.ControllerConfig.HostsConfig;
import org.pkgforge.controller.ssh.HostFailure;
import org.pkgforge.controller.ssh.HostKeys;
import org.pkgforge.controller.ssh.RemoteShell;
import org.pkgforge.controller.ssh.SshConnector;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.Host;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one build host's agent running, Jenkins-style, on its own thread: connect over SSH
 * (pinned host key only), check Java, upload the agent jar when its checksum differs, forward a
 * port on the host's loopback to the controller's agent endpoint, start the agent detached and
 * watch it. When SSH drops it reconnects with backoff and jitter, without a retry limit; the agent
 * keeps building meanwhile and finds the new forward through its port file.
 */
public final class HostSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostSupervisor.class);
    static final int MIN_JAVA = 17;
    /** How often a disconnected agent's process is looked at; a connected one is left alone. */
    private static final Duration OFFLINE_CHECK = Duration.ofSeconds(2);

    private static final Duration ONLINE_CHECK = Duration.ofSeconds(30);

    /**
     * Bytes per SFTP write request for the agent jar. MINA's default is 32 KiB; 128 KiB uploaded
     * several times faster over OpenSSH here (docs/benchmarks.md) and stays well under the 256 KiB
     * message limit of OpenSSH's sftp-server.
     */
    private static final int SFTP_WRITE_BUFFER = 128 * 1024;

    /** What the supervisor needs from the rest of the controller. */
    public interface Farm {
        boolean isOnline(String agentName);

        int agentPort();

        /** Called after attempts were requeued, so the dispatcher hands them out again. */
        void tasksRequeued();

        /** The slots the agent was started with ({@code --slots}), while it is connected. */
        OptionalInt launchedSlots(String agentName);

        /** An admin changed the host's slots: new claims obey them at once. */
        void slotsChanged(String agentName, int slots);

        /** Pauses or resumes new claims for the connected agent (none in flight once it returns). */
        void pauseClaims(String agentName, boolean paused);
    }

    private final String name;
    private final Jdbi jdbi;
    private final SshConnector ssh;
    private final AgentJar jar;
    private final AgentTokens tokens;
    private final Farm farm;
    private final HostsConfig config;
    private final Backoff backoff;
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean reconfigured;
    private volatile boolean agentEvent;
    private volatile String currentDir;
    private volatile ClientSession current;

    HostSupervisor(
            String name, Jdbi jdbi, SshConnector ssh, AgentJar jar, AgentTokens tokens, Farm farm, HostsConfig config) {
        this.name = name;
        this.jdbi = jdbi;
        this.ssh = ssh;
        this.jar = jar;
        this.tokens = tokens;
        this.farm = farm;
        this.config = config;
        this.backoff = new Backoff(config.reconnectBase(), config.reconnectCap(), new Random());
        this.thread = new Thread(this::supervise, "host-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String name() {
        return name;
    }

    /** The agent connected, disconnected or was refused: look at it now. */
    void agentChanged() {
        agentEvent = true;
        wake();
    }

    /**
     * The admin changed the host's slots. Lowering takes effect in the controller at once (running
     * tasks keep running, new claims wait until fewer run). Raising needs the agent started again
     * with the new {@code --slots}, since an agent refuses more tasks than it was started with:
     * that happens once it is idle, as an agent upgrade does, so no build is cut short; until
     * then it keeps the slots it has.
     */
    void slotsChanged(int slots) {
        farm.slotsChanged(name, slots);
        agentChanged();
    }

    /** The admin changed the host: reconnect with the new settings. */
    void reconfigure() {
        reconfigured = true;
        wake();
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private HostDao hosts() {
        return jdbi.onDemand(HostDao.class);
    }

    private void supervise() {
        while (running) {
            var host = hosts().find(name);
            if (host.isEmpty()) {
                return;
            }
            reconfigured = false;
            try {
                serve(host.get());
            } catch (HostFailure f) {
                // The connector knows the address, not the farm's name for the host.
                offline(f.getMessage().replace("host pin NAME", "host pin " + name), f.offeredHostKey());
            } catch (IOException | RuntimeException e) {
                offline("ssh to " + host.get().ssh() + ": " + e.getMessage(), null);
                log.debug("host {}", name, e);
            } catch (InterruptedException e) {
                return;
            } finally {
                ClientSession s = current;
                current = null;
                if (s != null) {
                    s.close(true);
                }
            }
            if (running && !reconfigured) {
                pause(backoff.next());
            }
        }
    }

    private void offline(String reason, String offeredHostKey) {
        if (!running) {
            return;
        }
        log.warn("host {} offline: {}", name, reason);
        hosts().setState(name, "offline", reason, offeredHostKey);
    }

    private void serve(Host host) throws IOException, InterruptedException {
        hosts().noteConnecting(name, "connecting to " + host.ssh());
        ClientSession session = ssh.connect(host.ssh(), HostKeys.parse(host.hostKey()));
        current = session;
        RemoteShell sh = new RemoteShell(session, config.commandTimeout());
        String dir = workDir(sh, host);
        currentDir = dir;
        checkJava(sh, host);
        RemoteShell.Result prepared = sh.run(HostScripts.prepare(dir));
        if (!prepared.ok()) {
            throw new HostFailure(HostFailure.Kind.LAUNCH_FAILED, "cannot create " + dir + ": " + prepared.message());
        }
        int port = forward(session, host);
        RemoteShell.Result written = sh.run(HostScripts.writePort(dir, port));
        if (!written.ok()) {
            throw new HostFailure(
                    HostFailure.Kind.LAUNCH_FAILED, "cannot write " + dir + "/controller.port: " + written.message());
        }
        hosts().setForwardPort(name, port);
        log.info("host {}: connected to {}, agent endpoint forwarded to its 127.0.0.1:{}", name, host.ssh(), port);
        String status = status(sh, dir);
        // A live agent runs the jar installed on the host; another jar here means a controller upgrade.
        boolean outdated = false;
        if (status.startsWith("alive")) {
            outdated = !prepared.out().strip().equals(jar.sha256());
            hosts().noteConnecting(name, "agent running (" + status + "); waiting for it to reconnect");
        } else {
            launch(session, sh, host, dir, status);
        }
        backoff.reset();
        watch(session, sh, host, dir, outdated);
    }

    /**
     * Why the connected agent should be replaced once idle: it runs an older controller's jar, or it
     * was started with fewer slots than the host has now. Empty when it need not be.
     */
    private Optional<String> replacementReason(boolean outdated) {
        if (outdated) {
            return Optional.of("runs an older jar; replacing it with " + jar.sha256());
        }
        int slots = hosts().find(name).map(Host::slots).orElse(0);
        OptionalInt launched = farm.launchedSlots(name);
        if (launched.isPresent() && launched.getAsInt() < slots) {
            return Optional.of("was started with " + launched.getAsInt() + " slot(s), the host has " + slots
                    + " now; starting it again with --slots " + slots);
        }
        return Optional.empty();
    }

    /**
     * Replaces the agent once it is idle (its builds are never cut short), uploading the current
     * jar and passing the host's current settings. True when it did.
     */
    private boolean replaceIfIdle(ClientSession session, RemoteShell sh, String dir, String reason) throws IOException {
        // Claims pause before the idle check: otherwise a task claimed between the check and the
        // stop would be cut short (one infra failure, requeued only when its lease ran out).
        farm.pauseClaims(name, true);
        boolean replacing = false;
        try {
            Optional<Host> host = hosts().find(name);
            if (host.isEmpty()
                    || !jdbi.onDemand(TaskDao.class).openAttempts(name).isEmpty()) {
                return false;
            }
            replacing = true;
            log.info("host {}: agent {} (idle now)", name, reason);
            sh.run(HostScripts.stop(dir));
            launch(session, sh, host.get(), dir, "none (replaced)");
            return true;
        } finally {
            if (!replacing) {
                farm.pauseClaims(name, false);
            }
        }
    }

    /** Relative work directories are under the build user's home. */
    private static String workDir(RemoteShell sh, Host host) throws IOException {
        if (host.workDir().startsWith("/")) {
            return host.workDir();
        }
        RemoteShell.Result home = sh.run(HostScripts.home());
        if (!home.ok() || !home.out().startsWith("/")) {
            throw new HostFailure(
                    HostFailure.Kind.LAUNCH_FAILED,
                    "cannot find the home directory of " + host.ssh().user() + " on "
                            + host.ssh().host());
        }
        return home.out() + "/" + host.workDir();
    }

    private static void checkJava(RemoteShell sh, Host host) throws IOException {
        RemoteShell.Result r = sh.run(HostScripts.javaVersion(host.javaCommand()));
        OptionalInt major = HostScripts.javaMajor(r.out());
        if (!r.ok() || major.isEmpty() || major.getAsInt() < MIN_JAVA) {
            String found =
                    !r.ok() ? r.message() : major.isEmpty() ? "unrecognised version" : "java " + major.getAsInt();
            throw new HostFailure(
                    HostFailure.Kind.NO_JAVA,
                    "java " + MIN_JAVA + "+ not found on " + host.ssh().host() + " (" + host.javaCommand() + ": "
                            + found.lines().findFirst().orElse("") + ")");
        }
    }

    /** Asks for the port the agent already knows first, so a reconnect changes nothing for it. */
    private int forward(ClientSession session, Host host) throws IOException {
        SshdSocketAddress local = new SshdSocketAddress("127.0.0.1", farm.agentPort());
        if (host.forwardPort() != null) {
            try {
                return session.startRemotePortForwarding(new SshdSocketAddress("127.0.0.1", host.forwardPort()), local)
                        .getPort();
            } catch (IOException e) {
                log.info("host {}: port {} is taken now; asking for any port", name, host.forwardPort());
            }
        }
        return session.startRemotePortForwarding(new SshdSocketAddress("127.0.0.1", 0), local)
                .getPort();
    }

    private static String status(RemoteShell sh, String dir) throws IOException {
        RemoteShell.Result r = sh.run(HostScripts.status(dir));
        if (!r.ok()) {
            throw new IOException("cannot check the agent: " + r.message());
        }
        return r.out().strip();
    }

    private void launch(ClientSession session, RemoteShell sh, Host host, String dir, String status)
            throws IOException {
        if (status.startsWith("dead")) {
            int requeued = hosts().requeueAttemptsOf(
                            name,
                            "agent process on " + host.ssh().host() + " is gone (" + status
                                    + "): infrastructure failure");
            if (requeued > 0) {
                log.warn("host {}: agent died; {} task(s) requeued", name, requeued);
                farm.tasksRequeued();
            }
        }
        ensureJar(session, sh, dir);
        // As the registry has them now: a slot change does not reconnect, so host may predate it.
        int slots = hosts().find(name).map(Host::slots).orElse(host.slots());
        String token = tokens.issue(name);
        RemoteShell.Result r = sh.run(
                HostScripts.launch(dir, host.javaCommand(), name, slots),
                (token + "\n").getBytes(StandardCharsets.UTF_8));
        if (!r.ok()) {
            tokens.revoke(name);
            throw new HostFailure(
                    HostFailure.Kind.LAUNCH_FAILED,
                    "agent on " + host.ssh().host() + " failed to start: " + r.message());
        }
        log.info("host {}: agent started (pid {})", name, r.out().strip());
        hosts().noteConnecting(name, "agent started (pid " + r.out().strip() + "); waiting for it");
    }

    /** Uploads the jar over SFTP only when the host's copy has another checksum. */
    private void ensureJar(ClientSession session, RemoteShell sh, String dir) throws IOException {
        RemoteShell.Result r = sh.run(HostScripts.prepare(dir));
        if (!r.ok()) {
            throw new HostFailure(HostFailure.Kind.LAUNCH_FAILED, "cannot create " + dir + ": " + r.message());
        }
        if (r.out().strip().equals(jar.sha256())) {
            return;
        }
        String upload = dir + "/" + HostScripts.JAR + ".upload";
        long started = System.nanoTime();
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                OutputStream out = sftp.write(upload, SFTP_WRITE_BUFFER);
                InputStream in = Files.newInputStream(jar.file())) {
            in.transferTo(out);
        }
        RemoteShell.Result moved = sh.run(HostScripts.installJar(dir, upload));
        if (!moved.ok()) {
            throw new HostFailure(HostFailure.Kind.LAUNCH_FAILED, "cannot install the agent jar: " + moved.message());
        }
        log.info(
                "host {}: agent jar uploaded ({} bytes in {} ms)",
                name,
                jar.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Until the SSH session ends: while the agent is connected nothing is done; once it is not, its
     * process is looked at. Dead: its attempts are requeued at once (an infrastructure failure) and
     * it is started again. Alive: it is left to reconnect by itself (it may be rebuilding its
     * connection, or stopped), unless it stays away longer than {@code agentStuckAfter}.
     */
    private void watch(ClientSession session, RemoteShell sh, Host host, String dir, boolean outdated)
            throws IOException, InterruptedException {
        long awaySince = farm.isOnline(name) ? -1 : System.nanoTime();
        // A replacement waits for the agent to be idle; meanwhile it is looked at often.
        boolean replacing = outdated;
        while (running && !reconfigured && session.isOpen()) {
            boolean online = farm.isOnline(name);
            awaitSignal(online && !replacing ? ONLINE_CHECK : OFFLINE_CHECK);
            agentEvent = false;
            if (!running || reconfigured || !session.isOpen()) {
                break;
            }
            if (farm.isOnline(name)) {
                awaySince = -1;
                Optional<String> reason = replacementReason(outdated);
                replacing = reason.isPresent();
                if (replacing && replaceIfIdle(session, sh, dir, reason.get())) {
                    outdated = false;
                    replacing = false;
                    awaySince = System.nanoTime();
                }
                continue;
            }
            if (awaySince < 0) {
                awaySince = System.nanoTime();
            }
            String status = status(sh, dir);
            if (!status.startsWith("alive")) {
                log.warn("host {}: agent process gone ({})", name, status);
                launch(session, sh, host, dir, status);
                outdated = false;
                awaySince = System.nanoTime();
            } else if (Duration.ofNanos(System.nanoTime() - awaySince).compareTo(config.agentStuckAfter()) > 0) {
                log.warn("host {}: agent alive but away for over {}; restarting it", name, config.agentStuckAfter());
                sh.run(HostScripts.stop(dir));
                launch(session, sh, host, dir, "dead (stuck, restarted)");
                outdated = false;
                awaySince = System.nanoTime();
            }
        }
    }

    private void awaitSignal(Duration max) throws InterruptedException {
        synchronized (signal) {
            if (!agentEvent && !reconfigured && running) {
                signal.wait(max.toMillis());
            }
        }
    }

    private void pause(Duration d) {
        synchronized (signal) {
            try {
                if (running) {
                    signal.wait(Math.max(1, d.toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Stops supervising; with {@code stopAgent} (host removed) the remote agent is stopped too. */
    void close(boolean stopAgent) {
        if (stopAgent) {
            ClientSession s = current;
            String dir = currentDir;
            if (s != null && s.isOpen() && dir != null) {
                try {
                    new RemoteShell(s, config.commandTimeout()).run(HostScripts.stop(dir));
                } catch (IOException e) {
                    log.warn("host {}: could not stop the agent: {}", name, e.getMessage());
                }
            }
        }
        running = false;
        wake();
        thread.interrupt();
        ClientSession s = current;
        if (s != null) {
            s.close(true);
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(false);
    }
}
