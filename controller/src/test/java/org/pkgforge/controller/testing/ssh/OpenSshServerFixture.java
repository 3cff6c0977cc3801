package org.pkgforge.controller.testing.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private OpenSSH {@code sshd} on 127.0.0.1, run as a child process with its own config, host key,
 * authorized keys and log under the test's directory: the real peer the SSH launcher talks to.
 *
 * <p>Public key logins only, for the current user; TCP forwarding and SFTP ({@code internal-sftp})
 * on. {@link #dropConnections()} cuts every SSH connection but keeps the listener, {@link #kill()}
 * kills only the listener (as on a real host, running sessions survive that), and
 * {@link #replaceHostKey()} restarts with a new host key on the same port.
 */
public final class OpenSshServerFixture implements SshHostFixture {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    // sshd refuses to start without its privilege separation directory; nothing creates it without systemd.
    private static final Path PRIVSEP_DIR = Path.of("/run/sshd");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;

    private final Path dir;
    private final Path config;
    private final Path hostKey;
    private final Path authorizedKeys;
    private final Path log;
    private int port;
    private Process listener;
    private final List<ProcessHandle> fromKilledListeners = new ArrayList<>();

    private OpenSshServerFixture(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("sshd_config");
        this.hostKey = dir.resolve("ssh_host_ed25519_key");
        this.authorizedKeys = dir.resolve("authorized_keys");
        this.log = dir.resolve("sshd.log");
    }

    /** Starts sshd with everything under {@code dir}, accepting the given OpenSSH public key lines. */
    public static OpenSshServerFixture start(Path dir, List<String> authorizedKeys) throws IOException {
        Files.createDirectories(dir);
        OpenSshServerFixture f = new OpenSshServerFixture(dir);
        f.setAuthorizedKeys(authorizedKeys);
        SshKeys.generateEd25519(dir, f.hostKey.getFileName().toString());
        ensurePrivsepDir();
        IOException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            f.port = freePort();
            try {
                f.launch();
                return f;
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw new IOException("sshd could not bind a free port in " + PORT_ATTEMPTS + " attempts", last);
    }

    @Override
    public int port() {
        return port;
    }

    /** The login name tests use: the user running the tests (root in CI). */
    @Override
    public String user() {
        return System.getProperty("user.name");
    }

    /** The host's public key as {@code ssh-ed25519 AAAA...} (no comment). */
    @Override
    public String hostPublicKey() {
        try {
            return SshKeys.withoutComment(Files.readString(hostKeyPub()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code SHA256:...} as {@code ssh-keygen -lf} prints it. */
    @Override
    public String hostKeyFingerprint() {
        try {
            return SshKeys.fingerprint(hostKeyPub());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The known_hosts line that pins this server's current host key. */
    @Override
    public String knownHostsLine() {
        return SshKeys.knownHostsLine(port, hostPublicKey());
    }

    /** The PID of the listening sshd (not of the per-connection children). */
    public long pid() {
        return listener.pid();
    }

    public boolean isRunning() {
        return listener != null && listener.isAlive();
    }

    /** sshd's log (LogLevel VERBOSE), useful in assertion messages. */
    public Path logFile() {
        return log;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no sshd log: " + e.getMessage() + ")";
        }
    }

    /** Rewrites the AuthorizedKeysFile; sshd reads it at each login, so no restart is needed. */
    @Override
    public void setAuthorizedKeys(List<String> keys) throws IOException {
        Files.write(authorizedKeys, keys.stream().map(String::strip).toList(), StandardCharsets.UTF_8);
    }

    /** Kills the per-connection sshd processes, cutting every SSH connection; the listener stays. */
    @Override
    public void dropConnections() {
        List<ProcessHandle> sshdChildren = underServer()
                .filter(p ->
                        p.info().command().map(c -> Path.of(c).equals(SSHD)).orElse(false))
                .toList();
        sshdChildren.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : sshdChildren) {
            awaitExit(p, STOP_TIMEOUT);
        }
    }

    /** SIGKILL of the listener only: no new connections; established ones are left running. */
    public void kill() {
        // Sessions outlive the listener (they are re-parented): keep them for dropConnections and stop.
        fromKilledListeners.addAll(listener.descendants().toList());
        listener.destroyForcibly();
        awaitExit(listener.toHandle(), STOP_TIMEOUT);
    }

    /** Stops the listener and its connections, then starts a new listener on the same port. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /**
     * Generates a new host key and restarts on the same port, as a reinstalled host would look: a
     * client with the old key pinned must refuse to connect.
     */
    @Override
    public void replaceHostKey() throws IOException {
        stop();
        SshKeys.generateEd25519(dir, hostKey.getFileName().toString());
        launch();
    }

    /** Stops the listener and every sshd and command still under it (detached ones escape). */
    public void stop() {
        if (listener == null) {
            return;
        }
        List<ProcessHandle> children = underServer().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        listener.destroy();
        if (!awaitExit(listener.toHandle(), STOP_TIMEOUT)) {
            listener.destroyForcibly();
            awaitExit(listener.toHandle(), STOP_TIMEOUT);
        }
        children.forEach(p -> awaitExit(p, STOP_TIMEOUT));
        fromKilledListeners.clear();
    }

    /** Live processes under the listener, and those a killed listener left behind. */
    private Stream<ProcessHandle> underServer() {
        Stream<ProcessHandle> left =
                fromKilledListeners.stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()));
        return Stream.concat(listener.descendants(), left)
                .filter(ProcessHandle::isAlive)
                .distinct();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() throws IOException {
        writeConfig();
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        listener = p;
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String output = newLog(logStart);
                if (output.contains("Address already in use")) {
                    throw new PortTakenException(port, output);
                }
                throw new IOException("sshd exited " + p.exitValue() + " on port " + port + ": " + output);
            }
            if (answersWithBanner()) {
                return;
            }
            sleep(50);
        }
        p.destroyForcibly();
        throw new IOException(
                "sshd did not answer on 127.0.0.1:" + port + " within " + READY_TIMEOUT + ": " + newLog(logStart));
    }

    private void writeConfig() throws IOException {
        String text = String.join(
                "\n",
                "ListenAddress 127.0.0.1:" + port,
                "HostKey " + hostKey,
                // Not the system's /run/sshd.pid: that belongs to a real sshd if one runs.
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                // Files under @TempDir have whatever modes the test made; the test is the only user.
                "StrictModes no",
                "AllowTcpForwarding yes",
                "Subsystem sftp internal-sftp",
                "PrintMotd no",
                "PrintLastLog no",
                "MaxStartups 100",
                "LogLevel VERBOSE",
                "");
        Files.writeString(config, text, StandardCharsets.UTF_8);
    }

    private boolean answersWithBanner() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            byte[] banner = new byte[8];
            int n = in.readNBytes(banner, 0, banner.length);
            return n == banner.length && new String(banner, StandardCharsets.US_ASCII).startsWith("SSH-2.0-");
        } catch (IOException e) {
            return false;
        }
    }

    private String newLog(long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from)).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Path hostKeyPub() {
        return hostKey.resolveSibling(hostKey.getFileName() + ".pub");
    }

    private static void ensurePrivsepDir() throws IOException {
        if (!Files.isDirectory(PRIVSEP_DIR)) {
            Files.createDirectories(PRIVSEP_DIR);
            Files.setPosixFilePermissions(PRIVSEP_DIR, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static boolean awaitExit(ProcessHandle p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for sshd", e);
        }
    }

    /** The chosen port was taken between picking and binding: pick another. */
    private static final class PortTakenException extends IOException {
        PortTakenException(int port, String log) {
            super("port " + port + " taken: " + log);
        }
    }
}
