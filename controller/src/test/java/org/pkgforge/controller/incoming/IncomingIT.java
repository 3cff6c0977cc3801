package org.pkgforge.controller.incoming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.Manifests;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobPackager;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.JobRow;
import org.pkgforge.sql.testing.PostgresExtension;

/** Bad input on the drop-directory path: each rejected with its own reason, nothing lost. */
class IncomingIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    static String arch;

    @TempDir
    Path state;

    ControllerConfig config;
    IncomingProcessor processor;
    List<Long> registered = new ArrayList<>();
    Jdbi jdbi;

    @BeforeAll
    static void platforms() {
        arch = FarmFixture.activeAutoPlatform(pg, "el9", FarmFixture.rpmArch());
    }

    @BeforeEach
    void setUp() throws IOException {
        config = FarmFixture.config(state, pg, List.of());
        Files.createDirectories(config.dropDir());
        jdbi = pg.controllerJdbi();
        processor = new IncomingProcessor(config, jdbi, Clock.systemUTC(), registered::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        processor.close();
    }

    private Path submit(String id, List<String> platforms, Path... files) throws Exception {
        JobManifest m = JobPackager.describe(id, "devel", platforms, List.of(), List.of(), List.of(files), "tester");
        return JobPackager.writeJob(config.dropDir(), m, List.of(files));
    }

    private String rejectionOf(String id) throws IOException {
        try (var entries = Files.list(config.rejectedDir())) {
            Path dir = entries.filter(p -> p.getFileName().toString().startsWith(id + "."))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no rejected entry for " + id));
            return Files.readString(dir.resolve("REASON"));
        }
    }

    private JobRow job(String id) {
        return jdbi.onDemand(JobDao.class).findByUuid(id).orElseThrow();
    }

    @Test
    void validJobIsRegisteredWithOneTaskPerTarget() throws Exception {
        submit("good", List.of("auto"), SamplePackages.helloSrpm());
        processor.processAll();
        JobRow job = job("good");
        assertThat(job.status()).isEqualTo("registered");
        // The drop directory's owner, not what build.yml claims ("tester").
        assertThat(job.submitter())
                .isEqualTo(Files.getOwner(config.acceptedDir()).getName())
                .isNotEqualTo("tester");
        assertThat(jdbi.onDemand(TaskDao.class).forJob(job.id())).hasSize(1);
        assertThat(registered).containsExactly(job.id());
        assertThat(config.acceptedDir()
                        .resolve("good")
                        .resolve(SamplePackages.helloSrpm().getFileName()))
                .exists();
        assertThat(config.dropDir()).isEmptyDirectory();
    }

    @Test
    void textFileNamedLikeAnSrpmIsRejected() throws Exception {
        Path dir = submit("text", List.of("auto"), SamplePackages.helloSrpm());
        Path srpm = dir.resolve(SamplePackages.helloSrpm().getFileName());
        Files.writeString(srpm, "just text\n");
        rewriteChecksums(dir);
        processor.processAll();
        assertThat(job("text").status()).isEqualTo("invalid");
        assertThat(job("text").reason()).contains("not an RPM");
        assertThat(rejectionOf("text")).contains("not an RPM");
    }

    @Test
    void binaryRpmIsRejected() throws Exception {
        Path dir = config.dropDir().resolve("binary");
        Files.createDirectories(dir);
        Path rpm = SamplePackages.helloBinaryRpm();
        Path renamed = dir.resolve(rpm.getFileName()
                .toString()
                .replace(".x86_64.rpm", ".src.rpm")
                .replace("." + arch + ".rpm", ".src.rpm"));
        Files.copy(rpm, renamed);
        Manifests.write(dir, "binary", renamed);
        processor.processAll();
        assertThat(job("binary").reason()).contains("binary RPM");
        assertThat(rejectionOf("binary")).contains("binary RPM");
    }

    @Test
    void checksumMismatchIsRejected() throws Exception {
        Path dir = submit("sum", List.of("auto"), SamplePackages.helloSrpm());
        Path srpm = dir.resolve(SamplePackages.helloSrpm().getFileName());
        byte[] bytes = Files.readAllBytes(srpm);
        bytes[bytes.length - 1] ^= 1;
        Files.write(srpm, bytes);
        processor.processAll();
        assertThat(job("sum").reason()).contains("checksum");
        assertThat(rejectionOf("sum")).contains("checksum");
    }

    @Test
    void missingFileIsRejectedAndTheRestKept() throws Exception {
        Path dir = submit("missing", List.of("auto"), SamplePackages.helloSrpm());
        Files.delete(dir.resolve(SamplePackages.helloSrpm().getFileName()));
        processor.processAll();
        assertThat(job("missing").reason()).contains("not in the job directory");
        try (var entries = Files.list(config.rejectedDir())) {
            Path kept = entries.filter(p -> p.getFileName().toString().startsWith("missing."))
                    .findFirst()
                    .orElseThrow();
            assertThat(kept.resolve("build.yml")).exists();
        }
    }

    @Test
    void duplicateIdIsRejected() throws Exception {
        submit("dup", List.of("auto"), SamplePackages.helloSrpm());
        processor.processAll();
        submit("dup", List.of("auto"), SamplePackages.helloSrpm());
        processor.processAll();
        assertThat(job("dup").status()).isEqualTo("registered");
        assertThat(rejectionOf("dup")).contains("already used");
    }

    @Test
    void unknownPlatformIsRejected() throws Exception {
        submit("unknown", List.of("solaris"), SamplePackages.helloSrpm());
        processor.processAll();
        assertThat(job("unknown").reason()).contains("solaris").contains("el9/" + arch);
        assertThat(rejectionOf("unknown")).contains("no target platform");
    }

    @Test
    void malformedManifestIsRejectedWithLineAndColumn() throws Exception {
        Path dir = submit("yaml", List.of("auto"), SamplePackages.helloSrpm());
        Files.writeString(dir.resolve("build.yml"), "id: yaml\nbucket: [devel\npackages:\n  - x\n");
        processor.processAll();
        assertThat(job("yaml").reason()).containsPattern("line \\d+, column \\d+");
    }

    @Test
    void invalidJobsWaitForTheGracePeriod() throws Exception {
        processor.close();
        processor = new IncomingProcessor(
                config.withWaitForJob(java.time.Duration.ofMinutes(5)), jdbi, Clock.systemUTC(), registered::add);
        Path dir = submit("slow", List.of("auto"), SamplePackages.helloSrpm());
        Files.delete(dir.resolve(SamplePackages.helloSrpm().getFileName()));
        assertThat(processor.process(dir)).isEqualTo(IncomingProcessor.Outcome.WAITING);
        assertThat(dir).exists();
        assertThat(jdbi.onDemand(JobDao.class).findByUuid("slow")).isEmpty();
    }

    private static void rewriteChecksums(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            Path f = files.filter(p -> p.toString().endsWith(".src.rpm"))
                    .findFirst()
                    .orElseThrow();
            Manifests.write(dir, dir.getFileName().toString(), f);
        }
    }
}
