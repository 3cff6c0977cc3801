package org.pkgforge.controller.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.SftpConfig;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.Manifests;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.SftpServerFixture;
import org.pkgforge.controller.testing.SftpServerFixture.Run;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobPackager;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.row.JobRow;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * Submitting over SSH/SFTP with the real OpenSSH clients and the MINA client, and the bad-input
 * cases of that channel: each refused with its own message, nothing written outside the roots.
 */
@Timeout(120)
class SftpSubmissionIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    static String arch;

    @TempDir
    Path dir;

    SftpServerFixture farm;
    Path alice;
    Path bob;
    Path outside;

    @BeforeAll
    static void platforms() {
        arch = FarmFixture.activeAutoPlatform(pg, "el9", FarmFixture.rpmArch());
    }

    @BeforeEach
    void setUp() throws Exception {
        pg.execute("TRUNCATE farm_user CASCADE");
        farm = SftpServerFixture.start(
                dir.resolve("farm"), pg, SftpConfig.disabled().withLimits(4L << 20, 20, 8));
        alice = farm.addUser("alice");
        bob = farm.addUser("bob");
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "not for users\n");
    }

    @AfterEach
    void tearDown() throws IOException {
        farm.close();
    }

    /** A complete job directory on the client side, as the submit tool would prepare it. */
    private Path localJob(String id, List<String> platforms) throws Exception {
        Path srpm = SamplePackages.helloSrpm();
        JobManifest m = JobPackager.describe(id, "devel", platforms, List.of(), List.of(), List.of(srpm), "client");
        return JobPackager.writeJob(Files.createDirectories(dir.resolve("client")), m, List.of(srpm));
    }

    private String[] putJob(Path job) throws IOException {
        String id = job.getFileName().toString();
        try (Stream<Path> files = Files.list(job)) {
            Stream<String> puts = files.sorted().map(f -> "put " + f + " " + id + "/" + f.getFileName());
            return Stream.concat(Stream.of("mkdir " + id), puts).toArray(String[]::new);
        }
    }

    private JobRow job(String id) {
        return pg.controllerJdbi().onDemand(JobDao.class).findByUuid(id).orElseThrow();
    }

    /** Every file under {@code dir} except the farm's own state: must not change. */
    private Set<Path> filesOutsideState() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.startsWith(dir.resolve("farm"))).collect(Collectors.toSet());
        }
    }

    @Test
    void openSshUploadThenCommitRegistersTheJobWithTheSshUserAsSubmitter() throws Exception {
        Path job = localJob("sftp-ok-1", List.of("auto"));
        Run put = farm.sftp("alice", alice, putJob(job));
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(farm.registered()).as("nothing is visible before the commit").isEmpty();

        Run commit = farm.ssh("alice", alice, "pkgforge-submit-commit", "sftp-ok-1");
        assertThat(commit.exit()).as(commit.err()).isZero();
        assertThat(commit.out().strip()).isEqualTo("sftp-ok-1");
        assertThat(job("sftp-ok-1").submitter()).isEqualTo("alice");
        assertThat(job("sftp-ok-1").status()).isEqualTo("registered");
        assertThat(farm.areaOf("alice")).isEmptyDirectory();

        Run status = farm.ssh("alice", alice, "status", "sftp-ok-1");
        assertThat(status.out()).contains("job sftp-ok-1 registered").contains("el9-" + arch + " needs_build");
        assertThat(farm.ssh("alice", alice, "whoami").out().strip()).isEqualTo("alice");
        assertThat(farm.ssh("alice", alice, "platforms").out()).contains("el9/" + arch + " (auto)");
        assertThat(farm.ssh("alice", alice, "list", "--mine").out()).contains("sftp-ok-1");
        assertThat(farm.ssh("bob", bob, "list", "--mine").out()).doesNotContain("sftp-ok-1");
    }

    @Test
    void javaClientUploadCommitAndIdempotentRetry() throws Exception {
        Path job = localJob("sftp-java-1", List.of("auto"));
        upload("alice", alice, job);
        assertThat(commit("alice", alice, "sftp-java-1")).isEqualTo("sftp-java-1");
        // The client did not see the answer (say) and tries again: same id, same packages.
        upload("alice", alice, job);
        assertThat(commit("alice", alice, "sftp-java-1")).isEqualTo("sftp-java-1 (already submitted)");
        assertThat(farm.registered()).hasSize(1);
    }

    @Test
    void onlyTheSubmitterCancelsAndRetries() throws Exception {
        Path job = localJob("sftp-cancel-1", List.of("auto"));
        upload("alice", alice, job);
        commit("alice", alice, "sftp-cancel-1");
        Run foreign = farm.ssh("bob", bob, "cancel", "sftp-cancel-1");
        assertThat(foreign.exit()).isEqualTo(4);
        assertThat(foreign.err()).contains("job sftp-cancel-1 was submitted by alice, not by you");

        Run cancel = farm.ssh("alice", alice, "cancel", "sftp-cancel-1");
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("cancelled 1 waiting or building target(s) of sftp-cancel-1");
        assertThat(job("sftp-cancel-1").status()).isEqualTo("cancelled");
        assertThat(farm.ssh("alice", alice, "cancel", "sftp-cancel-1").err())
                .contains("job sftp-cancel-1 has no waiting or building target to cancel");

        Run retry = farm.ssh("alice", alice, "retry", "sftp-cancel-1", "--platform", "el9-" + arch);
        assertThat(retry.exit()).as(retry.err()).isZero();
        assertThat(retry.out()).contains("queued 1 target(s) of sftp-cancel-1 again");
        assertThat(farm.ssh("alice", alice, "status", "sftp-cancel-1").out()).contains("el9-" + arch + " needs_build");
    }

    @Test
    void sameIdFromAnotherUserIsADuplicate() throws Exception {
        Path job = localJob("sftp-dup-1", List.of("auto"));
        upload("alice", alice, job);
        commit("alice", alice, "sftp-dup-1");
        upload("bob", bob, job);
        Run again = farm.ssh("bob", bob, "pkgforge-submit-commit", "sftp-dup-1");
        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.err()).contains("job id 'sftp-dup-1' was already used; ids are never reused");
        assertThat(job("sftp-dup-1").submitter()).isEqualTo("alice");
    }

    @Test
    void unknownPlatformIsRejectedWithTheActivePlatforms() throws Exception {
        Path job = localJob("sftp-plat-1", List.of("fedora-99"));
        upload("alice", alice, job);
        Run commit = farm.ssh("alice", alice, "pkgforge-submit-commit", "sftp-plat-1");
        assertThat(commit.exit()).isEqualTo(3);
        assertThat(commit.err())
                .contains("job sftp-plat-1 rejected: no target platform selected")
                .contains("unknown platform or arch names ignored: fedora-99")
                .contains("active platforms: el9/" + arch);
        assertThat(job("sftp-plat-1").status()).isEqualTo("invalid");
    }

    @Test
    void revokedKeyIsRefusedForTheNextSession() throws Exception {
        assertThat(farm.ssh("alice", alice, "whoami").exit()).isZero();
        farm.users()
                .revokeKey(
                        "alice",
                        org.pkgforge.controller.testing.ssh.SshKeys.fingerprint(
                                org.pkgforge.controller.testing.ssh.SshKeys.publicKeyFile(alice)));
        Run refused = farm.ssh("alice", alice, "whoami");
        assertThat(refused.exit()).isEqualTo(255);
        assertThat(refused.err()).contains("Permission denied (publickey)");
    }

    @Test
    void wrongKeyUnknownUserAndPasswordsAreRefused() throws Exception {
        assertThat(farm.ssh("bob", alice, "whoami").err()).contains("Permission denied (publickey)");
        assertThat(farm.ssh("mallory", alice, "whoami").err()).contains("Permission denied (publickey)");
        Run password = farm.ssh(
                "alice", alice, List.of("-o", "PreferredAuthentications=password,keyboard-interactive"), "whoami");
        assertThat(password.exit()).isEqualTo(255);
        assertThat(password.err()).contains("Permission denied (publickey)");
    }

    @Test
    void noShellNoForwardingNoOtherCommands() throws Exception {
        Run shell = farm.ssh("alice", alice, List.of("-T"));
        assertThat(shell.exit()).isNotZero();
        Run forward = farm.ssh("alice", alice, List.of("-o", "ExitOnForwardFailure=yes", "-L", "0:127.0.0.1:22", "-N"));
        assertThat(forward.exit()).isEqualTo(255);
        assertThat(forward.err()).containsIgnoringCase("forwarding");
        Run sh = farm.ssh("alice", alice, "sh", "-c", "'touch " + dir.resolve("pwned") + "'");
        assertThat(sh.exit()).isEqualTo(2);
        assertThat(sh.err()).contains("Unmatched argument");
        Run subsystem = farm.ssh("alice", alice, List.of("-s"), "netconf");
        assertThat(subsystem.exit()).isNotZero();
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void badNamesAreRefusedEachWithItsReason() throws Exception {
        Set<Path> before = filesOutsideState();
        try (ClientSession s = farm.javaSession("alice", alice);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            sftp.mkdir("job");
            assertRefused(() -> write(sftp, "../x"), "'..' is not allowed");
            assertRefused(() -> write(sftp, "job/../../x"), "'..' is not allowed");
            assertRefused(() -> write(sftp, "job/a\0b"), "control character 0x0");
            assertRefused(() -> write(sftp, "job/a\nb"), "control character 0xa");
            assertRefused(() -> write(sftp, "job/" + "x".repeat(4096)), "longer than 1024 characters");
            assertRefused(() -> write(sftp, "job/..\\x"), "backslash");
            assertRefused(() -> write(sftp, "job/deeper/x"), "at most 2 levels");
            assertRefused(() -> write(sftp, "loose-file"), "mkdir JOB-ID first");
            // Absolute names are inside the user's root, as with OpenSSH's ChrootDirectory.
            assertThatThrownBy(() -> write(sftp, "/etc/passwd")).isInstanceOf(SftpException.class);
        }
        assertThat(filesOutsideState()).isEqualTo(before);
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("not for users\n");
    }

    @Test
    void linksCannotBeMadeAndLinksOnDiskLeadNowhere() throws Exception {
        Path area = farm.areaOf("alice");
        Files.createDirectories(area.resolve("job"));
        Files.createSymbolicLink(area.resolve("job/file-link"), outside.resolve("secret"));
        Files.createSymbolicLink(area.resolve("dir-link"), outside);
        Files.createLink(area.resolve("job/hard"), outside.resolve("secret"));
        Set<Path> before = filesOutsideState();
        try (ClientSession s = farm.javaSession("alice", alice);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            assertRefused(() -> sftp.symLink("job/new-link", "/etc/passwd"), "links are not allowed");
            assertRefused(() -> sftp.link("job/hard", "job/hard2", false), "links are not allowed");
            assertRefused(() -> read(sftp, "job/file-link"), "symbolic links are not allowed");
            assertRefused(() -> read(sftp, "dir-link/secret"), "symbolic links are not allowed");
            assertRefused(() -> write(sftp, "dir-link/evil"), "symbolic links are not allowed");
            assertRefused(() -> read(sftp, "job/hard"), "hard links are not allowed");
        }
        Run openssh = farm.sftp("alice", alice, "get dir-link/secret " + dir.resolve("got"));
        assertThat(openssh.exit()).isNotZero();
        assertThat(dir.resolve("got")).doesNotExist();
        Run commit = farm.ssh("alice", alice, "pkgforge-submit-commit", "job");
        assertThat(commit.exit()).isEqualTo(2);
        assertThat(commit.err()).contains("upload refused: job/");
        assertThat(filesOutsideState()).isEqualTo(before);
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("not for users\n");
    }

    @Test
    void anotherUsersAreaIsOutOfReach() throws Exception {
        Path job = localJob("sftp-bob-1", List.of("auto"));
        upload("bob", bob, job);
        try (ClientSession s = farm.javaSession("alice", alice);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            assertRefused(() -> read(sftp, "../bob/sftp-bob-1/build.yml"), "'..' is not allowed");
            assertThatThrownBy(() -> read(sftp, "/bob/sftp-bob-1/build.yml")).isInstanceOf(SftpException.class);
            assertThat(sftp.canonicalPath("/")).isEqualTo("/");
        }
        Run commitBobs = farm.ssh("alice", alice, "pkgforge-submit-commit", "sftp-bob-1");
        assertThat(commitBobs.exit()).isEqualTo(2);
        assertThat(commitBobs.err()).contains("no upload directory 'sftp-bob-1' in your upload area");
        assertThat(farm.areaOf("bob").resolve("sftp-bob-1/build.yml")).exists();
    }

    @Test
    void quotaFileCountAndHandlesAreLimited() throws Exception {
        try (ClientSession s = farm.javaSession("alice", alice);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            sftp.mkdir("big");
            assertRefused(() -> write(sftp, "big/huge", 5 << 20), "quota exceeded");
            // A sparse write far past the quota is refused before anything is written.
            assertRefused(
                    () -> {
                        try (SftpClient.CloseableHandle h =
                                sftp.open("big/sparse", SftpClient.OpenMode.Write, SftpClient.OpenMode.Create)) {
                            sftp.write(h, 100L << 30, new byte[] {1});
                        }
                    },
                    "quota exceeded");
            for (int i = 0; i < 18; i++) {
                write(sftp, "big/f" + i, 10);
            }
            assertRefused(() -> write(sftp, "big/one-too-many", 10), "at most 20 files");
        }
        assertThat(Files.size(farm.areaOf("alice").resolve("big/sparse"))).isZero();
    }

    @Test
    void disconnectInTheMiddleOfAnUploadThenRetry() throws Exception {
        Path job = localJob("sftp-cut-1", List.of("auto"));
        Path srpm = SamplePackages.helloSrpm();
        byte[] bytes = Files.readAllBytes(srpm);
        try (ClientSession s = farm.javaSession("alice", alice)) {
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(s);
            sftp.mkdir("sftp-cut-1");
            OutputStream out = sftp.write("sftp-cut-1/" + srpm.getFileName());
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            s.close(true); // the network goes away mid-file
        }
        Run early = farm.ssh("alice", alice, "pkgforge-submit-commit", "sftp-cut-1");
        assertThat(early.exit()).isEqualTo(2);
        assertThat(early.err()).contains("upload sftp-cut-1 is incomplete: build.yml is missing");
        assertThat(farm.registered()).isEmpty();

        Files.copy(job.resolve("build.yml"), farm.areaOf("alice").resolve("sftp-cut-1/build.yml"));
        Run half = farm.ssh("alice", alice, "pkgforge-submit-commit", "sftp-cut-1");
        assertThat(half.exit()).isEqualTo(2);
        assertThat(half.err())
                .containsPattern("is incomplete: " + srpm.getFileName() + " has \\d+ of " + bytes.length + " bytes");

        upload("alice", alice, job);
        assertThat(commit("alice", alice, "sftp-cut-1")).isEqualTo("sftp-cut-1");
    }

    @Test
    void hostileContentGoesThroughTheSameValidationAndNothingRunsOnTheController() throws Exception {
        Path sentinel = dir.resolve("pwned");
        Path evil = evilSrpm(sentinel);
        Files.deleteIfExists(sentinel); // rpmbuild -bs on the client side evaluated it; the farm must not
        Path job = Files.createDirectories(dir.resolve("client/sftp-evil-1"));
        Files.copy(evil, job.resolve(evil.getFileName()));
        Manifests.write(job, "sftp-evil-1", job.resolve(evil.getFileName()));
        Path fake = Files.createDirectories(dir.resolve("client/sftp-fake-1"));
        Files.writeString(fake.resolve("fake-1.0-1.src.rpm"), "just text\n");
        Manifests.write(fake, "sftp-fake-1", fake.resolve("fake-1.0-1.src.rpm"));
        Path yaml = Files.createDirectories(dir.resolve("client/sftp-yaml-1"));
        Files.writeString(
                yaml.resolve("build.yml"),
                "id: sftp-yaml-1\nbucket: devel\nlol: &a [x, x, x, x, x, x, x, x, x]\nlol2: [*a, *a, *a, *a, *a, *a]\n");

        for (Path j : List.of(job, fake, yaml)) {
            Run put = farm.sftp("alice", alice, putJob(j));
            assertThat(put.exit()).as(put.err()).isZero();
        }
        assertThat(commit("alice", alice, "sftp-evil-1")).isEqualTo("sftp-evil-1");
        Run fakeCommit = farm.ssh("alice", alice, "pkgforge-submit-commit", "sftp-fake-1");
        assertThat(fakeCommit.exit()).isEqualTo(3);
        assertThat(fakeCommit.err())
                .contains("job sftp-fake-1 rejected: fake-1.0-1.src.rpm: not an RPM file (bad magic)");
        Run yamlCommit = farm.ssh("alice", alice, "pkgforge-submit-commit", "sftp-yaml-1");
        assertThat(yamlCommit.exit()).isEqualTo(3);
        assertThat(yamlCommit.err())
                .contains("job sftp-yaml-1 rejected: build.yml line 3")
                .contains("YAML anchors (&a) are not allowed");
        assertThat(sentinel).as("a spec is never evaluated on the controller").doesNotExist();
        assertThat(farm.ssh("alice", alice, "whoami").out().strip())
                .as("still healthy")
                .isEqualTo("alice");
    }

    @Test
    void badPackagesAndManifestsAreRefusedWithTheirOwnMessages() throws Exception {
        byte[] hello = Files.readAllBytes(SamplePackages.helloSrpm());
        byte[] hugeHeader = Arrays.copyOf(hello, 200);
        // Signature header intro at 96: magic(4) reserved(4) entries(4) store(4).
        ByteBuffer.wrap(hugeHeader).putInt(96 + 8, 0x7fffffff).putInt(96 + 12, 0x7fffffff);
        Map<String, byte[]> packages = new LinkedHashMap<>();
        packages.put("sftp-trunc-1", Arrays.copyOf(hello, hello.length - 100));
        packages.put("sftp-huge-1", hugeHeader);
        packages.put("sftp-binary-1", Files.readAllBytes(SamplePackages.helloBinaryRpm()));
        Map<String, String> expected = Map.of(
                "sftp-trunc-1", "hello-1.0-1.src.rpm: truncated",
                "sftp-huge-1",
                        "hello-1.0-1.src.rpm: corrupt RPM (signature header claims 2147483647 entries"
                                + " and 2147483647 bytes of data)",
                "sftp-binary-1", "hello-1.0-1.src.rpm: a binary RPM");
        for (var entry : packages.entrySet()) {
            Path job = Files.createDirectories(dir.resolve("client/" + entry.getKey()));
            Path srpm = Files.write(job.resolve("hello-1.0-1.src.rpm"), entry.getValue());
            Manifests.write(job, entry.getKey(), srpm);
        }
        Path misspelt = Files.createDirectories(dir.resolve("client/sftp-key-1"));
        Files.writeString(misspelt.resolve("build.yml"), "id: sftp-key-1\nbukcet: devel\n");
        Set<Path> before = filesOutsideState();

        for (String id : List.of("sftp-trunc-1", "sftp-huge-1", "sftp-binary-1", "sftp-key-1")) {
            Run put = farm.sftp("alice", alice, putJob(dir.resolve("client/" + id)));
            assertThat(put.exit()).as(put.err()).isZero();
            Run commit = farm.ssh("alice", alice, "pkgforge-submit-commit", id);
            assertThat(commit.exit()).as(id).isEqualTo(3);
            assertThat(commit.err())
                    .as(id)
                    .contains("job " + id + " rejected: "
                            + expected.getOrDefault(
                                    id, "build.yml line 2, column 1: unknown key 'bukcet', did you mean 'bucket'?"));
        }
        assertThat(filesOutsideState()).isEqualTo(before);
        assertThat(farm.ssh("alice", alice, "whoami").out().strip())
                .as("still healthy")
                .isEqualTo("alice");
    }

    /** A real SRPM whose spec runs {@code touch SENTINEL} wherever it is parsed. */
    private Path evilSrpm(Path sentinel) throws Exception {
        Path top = Files.createDirectories(dir.resolve("evil"));
        Path spec = top.resolve("evil.spec");
        Files.writeString(
                spec,
                String.join(
                        "\n",
                        "Name: evil",
                        "Version: 1.0",
                        "Release: 1",
                        "Summary: runs a command when parsed%(touch " + sentinel + ")",
                        "License: MIT",
                        "BuildArch: noarch",
                        "%description",
                        "x",
                        "%files",
                        ""));
        org.pkgforge.controller.host.HostCommand.run(
                List.of(
                        "rpmbuild",
                        "-bs",
                        "--define",
                        "_topdir " + top,
                        "--define",
                        "_srcrpmdir " + top,
                        spec.toString()),
                top,
                java.time.Duration.ofMinutes(1));
        assertThat(sentinel).as("the spec's command really runs when parsed").exists();
        try (Stream<Path> files = Files.list(top)) {
            return files.filter(f -> f.toString().endsWith(".src.rpm"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void abandonedUploadsAreCollected() throws Exception {
        Path area = farm.areaOf("alice");
        Files.createDirectories(area.resolve("left-behind"));
        Files.writeString(area.resolve("left-behind/part"), "x");
        var collector = new org.pkgforge.controller.uploads.UploadCollector(
                farm.config().stateDir().resolve("sftp/uploads"),
                java.time.Duration.ofHours(1),
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(2)));
        assertThat(collector.collect()).isEqualTo(1);
        assertThat(area).isEmptyDirectory();
    }

    private void upload(String user, Path key, Path job) throws IOException {
        String id = job.getFileName().toString();
        try (ClientSession s = farm.javaSession(user, key);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(s);
                Stream<Path> files = Files.list(job)) {
            try {
                sftp.mkdir(id);
            } catch (SftpException e) {
                // already there from an earlier, interrupted upload
            }
            for (Path f : (Iterable<Path>) files::iterator) {
                try (OutputStream out = sftp.write(id + "/" + f.getFileName())) {
                    Files.copy(f, out);
                }
            }
        }
    }

    private String commit(String user, Path key, String id) throws Exception {
        Run r = farm.ssh(user, key, "pkgforge-submit-commit", id);
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out().strip();
    }

    private static void write(SftpClient sftp, String name) throws IOException {
        write(sftp, name, 1);
    }

    private static void write(SftpClient sftp, String name, int size) throws IOException {
        try (OutputStream out = sftp.write(name)) {
            out.write(new byte[size]);
        }
    }

    private static void read(SftpClient sftp, String name) throws IOException {
        try (var in = sftp.read(name)) {
            in.readAllBytes();
        }
    }

    interface SftpAction {
        void run() throws IOException;
    }

    private static void assertRefused(SftpAction action, String reason) {
        assertThatThrownBy(action::run).isInstanceOf(SftpException.class).hasMessageContaining(reason);
    }
}
