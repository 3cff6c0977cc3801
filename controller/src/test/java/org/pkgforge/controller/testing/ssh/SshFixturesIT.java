package org.pkgforge.controller.testing.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both SSH server fixtures, checked with the real OpenSSH client binaries. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SshFixturesIT {
    private static final Duration RUN = Duration.ofSeconds(30);

    enum Kind {
        OPENSSH {
            @Override
            SshHostFixture start(Path dir, List<String> keys) throws IOException {
                return OpenSshServerFixture.start(dir, keys);
            }
        },
        MINA {
            @Override
            SshHostFixture start(Path dir, List<String> keys) throws IOException {
                return MinaSshServerFixture.start(dir, keys);
            }
        };

        abstract SshHostFixture start(Path dir, List<String> keys) throws IOException;
    }

    @TempDir
    Path tmp;

    private SshKeys.KeyFiles clientKey;
    private SshHostFixture server;
    private final List<ProcessHandle> remoteCommands = new ArrayList<>();

    @BeforeEach
    void clientKey() throws IOException {
        clientKey = SshKeys.generateEd25519(tmp.resolve("client"), "id_ed25519");
    }

    @AfterEach
    void stopServer() throws IOException {
        remoteCommands.forEach(ProcessHandle::destroyForcibly);
        if (server != null) {
            server.close();
        }
    }

    private OpenSshClient pinnedClient(String knownHostsLine) throws IOException {
        return new OpenSshClient(
                tmp.resolve("client-" + System.nanoTime()), clientKey.privateKey(), List.of(knownHostsLine));
    }

    private SshHostFixture start(Kind kind) throws IOException {
        server = kind.start(tmp.resolve("server"), List.of(clientKey.publicKey()));
        return server;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void execRunsWithThePinnedHostKeyAndPresentsTheAdvertisedFingerprint(Kind kind) throws IOException {
        SshHostFixture s = start(kind);
        OpenSshClient.Result r =
                pinnedClient(s.knownHostsLine()).ssh(s.port(), s.user(), "", RUN, List.of("-v"), "echo hi");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("hi\n");
        // ssh -v logs the key it was offered: the fixture's fingerprint must be that one.
        Matcher m =
                Pattern.compile("Server host key: ssh-ed25519 (SHA256:\\S+)").matcher(r.stderr());
        assertThat(m.find()).as(r.stderr()).isTrue();
        assertThat(m.group(1)).isEqualTo(s.hostKeyFingerprint());
        Path pub = Files.writeString(tmp.resolve("served.pub"), s.hostPublicKey() + "\n");
        assertThat(SshKeys.fingerprint(pub)).isEqualTo(s.hostKeyFingerprint());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void stdinReachesTheRemoteCommandAndExitCodesComeBack(Kind kind) throws IOException {
        SshHostFixture s = start(kind);
        OpenSshClient client = pinnedClient(s.knownHostsLine());

        OpenSshClient.Result r = client.ssh(s.port(), s.user(), "token-42\n", RUN, List.of(), "read t; echo got:$t");
        OpenSshClient.Result failing = client.ssh(s.port(), s.user(), "", RUN, List.of(), "exit 7");

        assertThat(r.stdout()).as(r.toString()).isEqualTo("got:token-42\n");
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sftpBatchPutStoresTheExactBytes(Kind kind) throws IOException {
        SshHostFixture s = start(kind);
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(payload);
        Path local = Files.write(tmp.resolve("agent.jar"), payload);
        Path remoteDir = Files.createDirectories(tmp.resolve("remote"));

        OpenSshClient.Result r = pinnedClient(s.knownHostsLine())
                .sftp(s.port(), s.user(), List.of("put " + local + " " + remoteDir.resolve("agent.jar")), RUN);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(remoteDir.resolve("agent.jar"))).isEqualTo(payload);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void remoteForwardReachesAServiceOnTheClientSide(Kind kind) throws Exception {
        SshHostFixture s = start(kind);
        try (EchoServer echo = new EchoServer()) {
            int remotePort = freePort();
            String probe = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + remotePort + "; echo ping >&3; head -1 <&3'";

            OpenSshClient.Result r = pinnedClient(s.knownHostsLine())
                    .ssh(
                            s.port(),
                            s.user(),
                            "",
                            RUN,
                            List.of(
                                    "-o",
                                    "ExitOnForwardFailure=yes",
                                    "-R",
                                    "127.0.0.1:" + remotePort + ":127.0.0.1:" + echo.port()),
                            probe);

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).isEqualTo("pong:ping\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDetachedProcessOutlivesTheSession(Kind kind) throws Exception {
        SshHostFixture s = start(kind);
        Path pidFile = tmp.resolve("detached.pid");
        String launch =
                "setsid sh -c 'echo $$ > " + pidFile + "; exec sleep 60' </dev/null >/dev/null 2>&1 & echo started";

        long t0 = System.nanoTime();
        OpenSshClient.Result r = pinnedClient(s.knownHostsLine()).ssh(s.port(), s.user(), "", RUN, List.of(), launch);
        long sessionMillis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.stdout()).as(r.toString()).isEqualTo("started\n");
        assertThat(sessionMillis)
                .as("the session must not wait for the detached process")
                .isLessThan(10_000);
        long pid = awaitPid(pidFile);
        ProcessHandle detached = ProcessHandle.of(pid).orElseThrow();
        try {
            server.close();
            server = null;
            assertThat(detached.isAlive())
                    .as("detached process survives the server")
                    .isTrue();
        } finally {
            detached.destroyForcibly();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWrongPinnedHostKeyIsRefusedBeforeAnyCommandRuns(Kind kind) throws IOException {
        SshHostFixture s = start(kind);
        String otherKey =
                SshKeys.generateEd25519(tmp.resolve("other"), "other_host_key").publicKey();
        Path marker = tmp.resolve("ran");

        OpenSshClient.Result r = pinnedClient(SshKeys.knownHostsLine(s.port(), otherKey))
                .ssh(s.port(), s.user(), "", RUN, List.of(), "touch " + marker);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(255);
        assertThat(r.stderr()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED", "Host key verification failed");
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aReplacedHostKeyIsRefusedByTheOldPinAndAcceptedByTheNewOne(Kind kind) throws IOException {
        SshHostFixture s = start(kind);
        String oldPin = s.knownHostsLine();
        String oldFingerprint = s.hostKeyFingerprint();
        int port = s.port();

        s.replaceHostKey();

        assertThat(s.port()).isEqualTo(port);
        assertThat(s.hostKeyFingerprint()).isNotEqualTo(oldFingerprint);
        OpenSshClient.Result refused = pinnedClient(oldPin).ssh(port, s.user(), "", RUN, List.of(), "echo hi");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(255);
        assertThat(refused.stderr()).contains("Host key verification failed");
        OpenSshClient.Result ok = pinnedClient(s.knownHostsLine()).ssh(port, s.user(), "", RUN, List.of(), "echo hi");
        assertThat(ok.stdout()).as(ok.toString()).isEqualTo("hi\n");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anUnknownClientKeyIsRefused(Kind kind) throws IOException {
        SshHostFixture s = start(kind);
        s.setAuthorizedKeys(List.of(
                SshKeys.generateEd25519(tmp.resolve("other"), "someone_else").publicKey()));

        OpenSshClient.Result r =
                pinnedClient(s.knownHostsLine()).ssh(s.port(), s.user(), "", RUN, List.of(), "echo hi");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(255);
        assertThat(r.stderr()).contains("Permission denied (publickey)");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dropConnectionsCutsARunningSessionButKeepsListening(Kind kind) throws Exception {
        SshHostFixture s = start(kind);
        OpenSshClient client = pinnedClient(s.knownHostsLine());
        Path marker = tmp.resolve("connected");
        // The remote command outlives its cut connection, as on a real host: it leaves its PID for cleanup.
        String command = "echo $$ > " + marker + ".tmp && mv " + marker + ".tmp " + marker + " && exec sleep 60";
        Process running = client.startSsh(s.port(), s.user(), List.of(), command);
        try {
            awaitFile(marker, running);
            ProcessHandle.of(Long.parseLong(Files.readString(marker).strip())).ifPresent(remoteCommands::add);

            s.dropConnections();

            assertThat(running.waitFor(15, TimeUnit.SECONDS))
                    .as("ssh ends once its connection is cut")
                    .isTrue();
            assertThat(running.exitValue()).isEqualTo(255);
        } finally {
            running.destroyForcibly();
        }
        OpenSshClient.Result again = client.ssh(s.port(), s.user(), "", RUN, List.of(), "echo hi");
        assertThat(again.stdout()).as(again.toString()).isEqualTo("hi\n");
    }

    @Test
    void killedOpenSshListenerRefusesConnectionsUntilRestarted() throws Exception {
        OpenSshServerFixture s = (OpenSshServerFixture) start(Kind.OPENSSH);
        ProcessHandle listener = ProcessHandle.of(s.pid()).orElseThrow();
        assertThat(listener.info().command()).hasValue("/usr/sbin/sshd");
        OpenSshClient client = pinnedClient(s.knownHostsLine());
        Path marker = tmp.resolve("connected");
        String command = "echo $$ > " + marker + ".tmp && mv " + marker + ".tmp " + marker + " && exec sleep 60";
        Process session = client.startSsh(s.port(), s.user(), List.of(), command);
        awaitFile(marker, session);
        ProcessHandle.of(Long.parseLong(Files.readString(marker).strip())).ifPresent(remoteCommands::add);

        s.kill();

        assertThat(listener.isAlive()).isFalse();
        // As on a real host, an established session survives its listener; dropConnections still cuts it.
        assertThat(session.waitFor(1, TimeUnit.SECONDS)).isFalse();
        s.dropConnections();
        assertThat(session.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(session.exitValue()).isEqualTo(255);
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 2000);
            }
        });
        s.restart();
        OpenSshClient.Result r = client.ssh(s.port(), s.user(), "", RUN, List.of(), "echo hi");
        assertThat(r.stdout()).as(r + "\n" + s.logTail(20)).isEqualTo("hi\n");
        assertThat(s.pid()).isNotEqualTo(listener.pid());
    }

    private static void awaitFile(Path file, Process whileAlive) throws InterruptedException {
        long deadline = System.nanoTime() + RUN.toNanos();
        while (!Files.exists(file)) {
            assertThat(whileAlive.isAlive())
                    .as("ssh exited before the remote command ran")
                    .isTrue();
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long awaitPid(Path pidFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RUN.toNanos();
        while (true) {
            String text = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
            if (!text.isEmpty()) {
                return Long.parseLong(text);
            }
            assertThat(System.nanoTime()).as("waiting for " + pidFile).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** A one-line echo service on the client side of a forward: answers "pong:" + the line. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        EchoServer() throws IOException {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            thread = new Thread(this::serve, "echo-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket c = socket.accept()) {
                    c.setSoTimeout(10_000);
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(c.getOutputStream(), true, StandardCharsets.UTF_8);
                    out.println("pong:" + in.readLine());
                } catch (IOException e) {
                    // Closed by close(), or a client that went away: the test's assertion reports it.
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
