package org.pkgforge.controller.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.config.SftpConfig;
import org.pkgforge.controller.incoming.IncomingProcessor;
import org.pkgforge.controller.results.ResultStore;
import org.pkgforge.controller.sftp.SubmissionServer;
import org.pkgforge.controller.testing.ssh.SshKeys;
import org.pkgforge.controller.uploads.UploadAreas;
import org.pkgforge.controller.users.PublicKeys;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobPackager;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * The one submission-server fixture: the real {@link SubmissionServer} on 127.0.0.1:0 over the
 * real registry, with users whose keys come from the real ssh-keygen, driven by the real OpenSSH
 * {@code sftp}/{@code ssh} clients or by the MINA client. Everything lives under {@code dir}.
 */
public final class SftpServerFixture implements AutoCloseable {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    /** A client run: exit code and what it printed. */
    public record Run(int exit, String out, String err) {}

    private final Path dir;
    private final ControllerConfig config;
    private final UserService users;
    private final SubmissionServer server;
    private final IncomingProcessor incoming;
    private final Path knownHosts;
    private final List<Long> registered = new ArrayList<>();
    private SshClient client;

    private SftpServerFixture(Path dir, PostgresExtension pg, SftpConfig sftp) throws IOException {
        this.dir = dir;
        this.config = FarmFixture.config(dir.resolve("state"), pg, List.of()).withSftp(sftp.enabledOn("127.0.0.1", 0));
        for (Path p : List.of(config.dropDir(), config.acceptedDir(), config.rejectedDir(), config.resultsDir())) {
            Files.createDirectories(p);
        }
        this.users = new UserService(pg.controllerJdbi());
        this.incoming = new IncomingProcessor(config, pg.controllerJdbi(), Clock.systemUTC(), registered::add);
        this.server =
                SubmissionServer.forFarm(config, pg.controllerJdbi(), incoming, new ResultStore(config.resultsDir()));
        server.start();
        this.knownHosts = dir.resolve("known_hosts");
        Files.writeString(
                knownHosts, "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(server.hostKey()) + "\n");
    }

    public static SftpServerFixture start(Path dir, PostgresExtension pg, SftpConfig limits) throws IOException {
        return new SftpServerFixture(dir, pg, limits);
    }

    public static SftpServerFixture start(Path dir, PostgresExtension pg) throws IOException {
        return start(dir, pg, SftpConfig.disabled());
    }

    /** Registers a user with a fresh ed25519 key; returns the private key file. */
    public Path addUser(String name) throws Exception {
        Path key = SshKeys.generateEd25519(Files.createDirectories(dir.resolve("keys")), name)
                .privateKey();
        users.addUser(
                name, false, PublicKeys.fromArgument(SshKeys.publicKeyFile(key).toString()));
        return key;
    }

    public UserService users() {
        return users;
    }

    public ControllerConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    public Path knownHosts() {
        return knownHosts;
    }

    public String hostKeyFingerprint() {
        return server.hostKeyFingerprint();
    }

    public Path areaOf(String user) throws IOException {
        return new UploadAreas(config.stateDir()).rootOf(user);
    }

    /** A complete job {@code parent/id/} of the sample SRPM, as the submit tool writes one. */
    public Path sampleJob(Path parent, String id) throws Exception {
        Path srpm = SamplePackages.helloSrpm();
        JobManifest m =
                JobPackager.describe(id, "devel", List.of("auto"), List.of(), List.of(), List.of(srpm), "client");
        return JobPackager.writeJob(parent, m, List.of(srpm));
    }

    /** Ids of the jobs the incoming processor registered. */
    public List<Long> registered() {
        return registered;
    }

    /** OpenSSH {@code sftp -b -}: the batch goes to stdin; a failing line ends the batch. */
    public Run sftp(String user, Path key, String... batch) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/sftp", "-b", "-", "-P", Integer.toString(port())));
        cmd.addAll(sshOptions(key));
        cmd.add(user + "@127.0.0.1");
        return run(cmd, String.join("\n", batch) + "\n");
    }

    /** OpenSSH {@code ssh user@127.0.0.1 WORDS...}; extra options (like -L) may come first. */
    public Run ssh(String user, Path key, List<String> options, String... command)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/ssh", "-p", Integer.toString(port())));
        cmd.addAll(sshOptions(key));
        cmd.addAll(options);
        cmd.add(user + "@127.0.0.1");
        cmd.addAll(List.of(command));
        return run(cmd, "");
    }

    public Run ssh(String user, Path key, String... command) throws IOException, InterruptedException {
        return ssh(user, key, List.of(), command);
    }

    private List<String> sshOptions(Path key) {
        return List.of(
                "-i", key.toString(),
                "-F", "/dev/null",
                "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "ConnectTimeout=20");
    }

    private Run run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drainErr = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            }
        });
        drainErr.start();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd.get(0) + " timed out");
        }
        drainErr.join(CLIENT_TIMEOUT.toMillis());
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An authenticated MINA client session (the server key is pinned to this fixture's). */
    public ClientSession javaSession(String user, Path key) throws IOException {
        if (client == null) {
            client = SshClient.setUpDefaultClient();
            String expected = server.hostKeyFingerprint();
            client.setServerKeyVerifier(
                    (session, address, serverKey) -> expected.equals(PublicKeys.fingerprint(serverKey)));
            client.start();
        }
        ClientSession session =
                client.connect(user, "127.0.0.1", port()).verify(CLIENT_TIMEOUT).getSession();
        try {
            for (KeyPair kp : new FileKeyPairProvider(key).loadKeys(null)) {
                session.addPublicKeyIdentity(kp);
            }
            session.auth().verify(CLIENT_TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.stop();
        }
        server.close();
        try {
            incoming.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
