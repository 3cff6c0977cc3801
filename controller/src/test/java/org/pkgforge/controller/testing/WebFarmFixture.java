package org.pkgforge.controller.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.config.SftpConfig;
import org.pkgforge.controller.config.WebSettings;
import org.pkgforge.controller.sftp.SubmissionServer;
import org.pkgforge.controller.testing.ssh.SshKeys;
import org.pkgforge.controller.users.PublicKeys;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/**
 * A farm (no agent) with its SSH server and web UI on 127.0.0.1:0, for the web tests: users with
 * real ssh-keygen keys, and web-login URLs fetched the way a user fetches them, with {@code
 * pkgforge web-login} over SSH.
 */
public final class WebFarmFixture implements AutoCloseable {
    private final Path dir;
    private final Farm farm;
    private final Path knownHosts;

    private WebFarmFixture(Path dir, Farm farm) throws IOException {
        this.dir = dir;
        this.farm = farm;
        SubmissionServer ssh = farm.submissionServer().orElseThrow();
        this.knownHosts = Files.createDirectories(dir).resolve("known_hosts");
        Files.writeString(
                knownHosts, "[127.0.0.1]:" + ssh.port() + " " + PublicKeyEntry.toString(ssh.hostKey()) + "\n");
    }

    public static WebFarmFixture start(Path dir, PostgresExtension pg, WebSettings web) throws Exception {
        return start(dir, FarmFixture.config(dir.resolve("state"), pg, List.of()), web);
    }

    /** A farm on {@code base} (build hosts' timings, say) with the SSH server and web UI added. */
    public static WebFarmFixture start(Path dir, ControllerConfig base, WebSettings web) throws Exception {
        ControllerConfig config =
                base.withSftp(SftpConfig.disabled().enabledOn("127.0.0.1", 0)).withWeb(web);
        return new WebFarmFixture(dir, Farm.start(config));
    }

    public Farm farm() {
        return farm;
    }

    /** Registers a user with a fresh ed25519 key; returns the private key file. */
    public Path addUser(String name, boolean admin) throws Exception {
        Path key = SshKeys.generateEd25519(Files.createDirectories(dir.resolve("keys")), name)
                .privateKey();
        new UserService(farm.jdbi())
                .addUser(
                        name,
                        admin,
                        PublicKeys.fromArgument(SshKeys.publicKeyFile(key).toString()));
        return key;
    }

    /** {@code pkgforge submit --nowait} as {@code user} over the farm's SFTP server; returns its output. */
    public String submit(String user, Path key, String jobId, Path srpm) {
        return pkgforge(user, key, "submit", "-B", "devel", "--id", jobId, "--nowait", srpm.toString());
    }

    /** {@code pkgforge web-login} as {@code user}: the one-time login URL it prints. */
    public String webLogin(String user, Path key) {
        return pkgforge(user, key, "web-login");
    }

    private String pkgforge(String user, Path key, String command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int port = farm.submissionServer().orElseThrow().port();
        int exit = PkgforgeCli.run(
                new PrintWriter(out),
                new PrintWriter(err),
                Map.of("HOME", dir.toString(), "USER", user),
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(
                                        command,
                                        "--server",
                                        user + "@127.0.0.1:" + port,
                                        "--identity",
                                        key.toString(),
                                        "--known-hosts",
                                        knownHosts.toString()),
                                java.util.Arrays.stream(args))
                        .toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("pkgforge " + command + " exited " + exit + ": " + err);
        }
        return out.toString().strip();
    }

    @Override
    public void close() {
        farm.close();
    }
}
