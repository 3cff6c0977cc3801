package org.pkgforge.controller.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.SftpServerFixture;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.row.JobRow;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * A controller that stops in the middle of a commit (killed after the upload left the user's area,
 * before or during its registration): at the next start the job is registered or clearly
 * rejected, never lost and never registered twice. The stop is simulated by leaving on disk
 * exactly what the commit leaves at that point, then starting the server again.
 */
@Timeout(120)
class InterruptedCommitsIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    SftpServerFixture farm;
    Path alice;

    @BeforeAll
    static void platforms() {
        FarmFixture.activeAutoPlatform(pg, "el9", FarmFixture.rpmArch());
    }

    @BeforeEach
    void setUp() throws Exception {
        pg.execute("TRUNCATE farm_user CASCADE");
        farm = SftpServerFixture.start(dir.resolve("farm"), pg);
        alice = farm.addUser("alice");
    }

    @AfterEach
    void tearDown() throws Exception {
        farm.close();
    }

    private Path committing() {
        return farm.config().stateDir().resolve("sftp/committing");
    }

    /** Where a commit holds its upload: committing/USER/ID.RANDOM/ID. */
    private Path holder(String user, String id) throws Exception {
        return Files.createDirectories(committing().resolve(user).resolve(id + "." + UUID.randomUUID()));
    }

    private Path job(Path parent, String id) throws Exception {
        return farm.sampleJob(parent, id);
    }

    private void restart() throws Exception {
        farm.close();
        farm = SftpServerFixture.start(dir.resolve("farm"), pg);
    }

    private JobRow row(String id) {
        return pg.controllerJdbi().onDemand(JobDao.class).findByUuid(id).orElseThrow();
    }

    private static long files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void stoppedAfterTheCommitsRenameTheJobIsRegisteredAtTheNextStart() throws Exception {
        job(holder("alice", "cut-1"), "cut-1");

        restart();

        assertThat(row("cut-1").status()).isEqualTo("registered");
        assertThat(row("cut-1").submitter()).isEqualTo("alice");
        assertThat(farm.config()
                        .acceptedDir()
                        .resolve("cut-1")
                        .resolve(SamplePackages.helloSrpm().getFileName()))
                .hasSameBinaryContentAs(SamplePackages.helloSrpm());
        assertThat(farm.registered()).hasSize(1);
        assertThat(committing().resolve("alice")).isEmptyDirectory();
        // A client retrying after the stop is told the job exists, and no second one is made.
        job(farm.areaOf("alice"), "cut-1");
        SftpServerFixture.Run retry = farm.ssh("alice", alice, "pkgforge-submit-commit", "cut-1");
        assertThat(retry.out().strip()).as(retry.err()).isEqualTo("cut-1 (already submitted)");
        assertThat(farm.registered()).hasSize(1);
    }

    @Test
    void stoppedBetweenTheMoveIntoAcceptedAndTheRegistrationsCommitTheJobIsTakenInAgain() throws Exception {
        // The registration renamed the job into the accepted store, then never committed.
        holder("alice", "cut-2");
        job(farm.config().acceptedDir(), "cut-2");

        restart();

        assertThat(row("cut-2").status()).isEqualTo("registered");
        assertThat(row("cut-2").submitter()).isEqualTo("alice");
        assertThat(farm.config().acceptedDir().resolve("cut-2").resolve("build.yml"))
                .exists();
        assertThat(committing().resolve("alice")).isEmptyDirectory();
    }

    @Test
    void anInvalidJobLeftByAStopIsRejectedWithItsReasonNotDropped() throws Exception {
        Path entry = job(holder("alice", "cut-3"), "cut-3");
        Files.writeString(entry.resolve(SamplePackages.helloSrpm().getFileName()), "not an rpm\n");

        restart();

        assertThat(row("cut-3").status()).isEqualTo("invalid");
        assertThat(row("cut-3").reason()).contains("size mismatch");
        try (Stream<Path> rejected = Files.list(farm.config().rejectedDir())) {
            Path kept = rejected.filter(p -> p.getFileName().toString().startsWith("cut-3."))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(kept.resolve("REASON"))).contains("size mismatch");
            assertThat(files(kept)).isEqualTo(3); // build.yml, the file, REASON
        }
        assertThat(farm.registered()).isEmpty();
    }

    @Test
    void aCommitThatRegisteredButDidNotCleanUpIsNotRegisteredTwice() throws Exception {
        Path upload = job(farm.areaOf("alice"), "cut-4");
        assertThat(upload).exists();
        SftpServerFixture.Run commit = farm.ssh("alice", alice, "pkgforge-submit-commit", "cut-4");
        assertThat(commit.exit()).as(commit.err()).isZero();
        // As if the controller stopped after the registration committed, before removing the holder.
        job(holder("alice", "cut-4"), "cut-4");

        restart();

        assertThat(row("cut-4").status()).isEqualTo("registered");
        assertThat(farm.registered())
                .as("nothing registered at the second start")
                .isEmpty();
        assertThat(committing().resolve("alice")).isEmptyDirectory();
        assertThat(farm.config().rejectedDir()).isEmptyDirectory();
    }
}
