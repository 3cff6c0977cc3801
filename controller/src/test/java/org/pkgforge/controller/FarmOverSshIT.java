package org.pkgforge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.config.SftpConfig;
import org.pkgforge.controller.sftp.SubmissionServer;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.ssh.SshKeys;
import org.pkgforge.controller.users.PublicKeys;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.protocol.job.Checksums;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/**
 * Issue 4's "done when": a new user with only an SSH key submits from elsewhere and follows the
 * job to the end from the CLI; real farm, agent, rpmbuild and createrepo_c.
 */
@Timeout(300)
class FarmOverSshIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    @Test
    void newUserWithAKeySubmitsWaitsAndReadsTheLog() throws Exception {
        String arch = FarmFixture.activeAutoPlatform(pg, "el9", FarmFixture.rpmArch());
        ControllerConfig config = FarmFixture.config(dir.resolve("state"), pg, List.of("el9/" + arch))
                .withSftp(SftpConfig.disabled().enabledOn("127.0.0.1", 0));

        try (Farm farm = Farm.start(config)) {
            SubmissionServer ssh = farm.submissionServer().orElseThrow();
            Path key = SshKeys.generateEd25519(Files.createDirectories(dir.resolve("home/.ssh")), "id_ed25519")
                    .privateKey();
            new UserService(farm.jdbi())
                    .addUser(
                            "carol",
                            false,
                            PublicKeys.fromArgument(SshKeys.publicKeyFile(key).toString()));
            Files.writeString(
                    dir.resolve("home/.ssh/known_hosts"),
                    "[127.0.0.1]:" + ssh.port() + " " + PublicKeyEntry.toString(ssh.hostKey()) + "\n");
            Map<String, String> env = Map.of(
                    "HOME",
                    dir.resolve("home").toString(),
                    "USER",
                    "carol",
                    "PKGFORGE_SERVER",
                    "127.0.0.1:" + ssh.port());

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = PkgforgeCli.run(
                    new PrintWriter(out),
                    new PrintWriter(err),
                    env,
                    "submit",
                    "-B",
                    "devel",
                    "--wait",
                    "--id",
                    "ssh-e2e-1",
                    SamplePackages.helloSrpm().toString());
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString())
                    .startsWith("Submitted 1 package as job ssh-e2e-1")
                    .contains("job ssh-e2e-1 success (bucket devel, submitter carol)")
                    .contains("el9-" + arch + " success");
            // Publishing follows the build; watch ends when every target finished building.
            Path repo = config.repoFor("devel", "el9", arch);
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(repo.resolve("repodata/repomd.xml")));
            assertThat(FarmFixture.primaryXml(repo)).contains("<name>hello</name>");

            StringWriter log = new StringWriter();
            assertThat(PkgforgeCli.run(new PrintWriter(log), new PrintWriter(err), env, "logs", "ssh-e2e-1"))
                    .as(err.toString())
                    .isZero();
            assertThat(log.toString()).contains("rpmbuild");

            Path downloads = dir.resolve("downloads");
            String got = download(env, downloads);
            Path targetDir = downloads.resolve("ssh-e2e-1/el9-" + arch);
            List<String> recorded = farm.jdbi()
                    .withHandle(h -> h.createQuery("SELECT file || ' ' || sha256sum FROM artifact ORDER BY file")
                            .mapTo(String.class)
                            .list());
            assertThat(recorded).anyMatch(line -> line.matches("hello-.*\\.rpm [0-9a-f]{64}"));
            for (String line : recorded) {
                String[] fileAndSum = line.split(" ");
                assertThat(Checksums.sha256Hex(targetDir.resolve(fileAndSum[0])))
                        .as(fileAndSum[0])
                        .isEqualTo(fileAndSum[1]);
            }
            assertThat(Files.readString(targetDir.resolve("build.log"))).contains("rpmbuild");
            assertThat(got).contains("Downloaded " + (recorded.size() + 1) + " of " + (recorded.size() + 1));

            // Run again: everything checksummed is already there, only the log is fetched again.
            assertThat(download(env, downloads)).contains("Downloaded 1 of " + (recorded.size() + 1));
        }
    }

    /** {@code pkgforge download ssh-e2e-1 --logs -d DIR}; returns what it printed. */
    private static String download(Map<String, String> env, Path downloads) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(PkgforgeCli.run(
                        new PrintWriter(out),
                        new PrintWriter(err),
                        env,
                        "download",
                        "ssh-e2e-1",
                        "--logs",
                        "-d",
                        downloads.toString()))
                .as(err.toString())
                .isZero();
        return out.toString();
    }
}
