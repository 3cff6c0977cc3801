package org.pkgforge.controller.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.incoming.IncomingProcessor;
import org.pkgforge.controller.incoming.IncomingProcessor.Outcome;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.SftpServerFixture;
import org.pkgforge.controller.testing.SftpServerFixture.Run;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.row.JobRow;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * Commits that run at the same time: distinct jobs are all registered, one job id committed twice
 * at once gives one job, and a file still open for writing is never committed.
 */
@Timeout(120)
class ConcurrentCommitsIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    SftpServerFixture farm;
    Path alice;
    Path bob;
    ExecutorService clients = Executors.newFixedThreadPool(8);

    @BeforeAll
    static void platforms() {
        FarmFixture.activeAutoPlatform(pg, "el9", FarmFixture.rpmArch());
    }

    @BeforeEach
    void setUp() throws Exception {
        pg.execute("TRUNCATE farm_user CASCADE");
        farm = SftpServerFixture.start(dir.resolve("farm"), pg);
        alice = farm.addUser("alice");
        bob = farm.addUser("bob");
    }

    @AfterEach
    void tearDown() throws Exception {
        clients.shutdownNow();
        farm.close();
    }

    /** A complete upload in the user's area, as an SFTP client leaves it before committing. */
    private void uploaded(String user, String id) throws Exception {
        farm.sampleJob(farm.areaOf(user), id);
    }

    private record Commit(String user, Path key, String id) {}

    /** Runs the commits as close to the same moment as the clients allow; their runs, in order. */
    private List<Run> atOnce(List<Commit> commits) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Run>> running = new ArrayList<>();
        for (Commit c : commits) {
            running.add(clients.submit(() -> {
                start.await();
                return farm.ssh(c.user(), c.key(), "pkgforge-submit-commit", c.id());
            }));
        }
        start.countDown();
        List<Run> runs = new ArrayList<>();
        for (Future<Run> f : running) {
            runs.add(f.get(90, TimeUnit.SECONDS));
        }
        return runs;
    }

    private JobRow job(String id) {
        return pg.controllerJdbi().onDemand(JobDao.class).findByUuid(id).orElseThrow();
    }

    @Test
    void eightCommitsOfDistinctJobsAreAllRegistered() throws Exception {
        List<Commit> commits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "many-" + i;
            uploaded(i % 2 == 0 ? "alice" : "bob", id);
            commits.add(new Commit(i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? alice : bob, id));
        }
        List<Run> runs = atOnce(commits);

        for (int i = 0; i < 8; i++) {
            Run r = runs.get(i);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo("many-" + i);
            assertThat(job("many-" + i).status()).isEqualTo("registered");
            assertThat(job("many-" + i).submitter()).isEqualTo(i % 2 == 0 ? "alice" : "bob");
            assertThat(farm.config().acceptedDir().resolve("many-" + i).resolve("build.yml"))
                    .exists();
        }
        assertThat(farm.registered()).hasSize(8).doesNotHaveDuplicates();
        assertThat(farm.areaOf("alice")).isEmptyDirectory();
        assertThat(farm.areaOf("bob")).isEmptyDirectory();
    }

    @Test
    void oneUploadCommittedTwiceAtOnceIsOneJobAndTheOtherAnswerIsTheExistingJob() throws Exception {
        uploaded("alice", "twice-1");
        List<Run> runs = atOnce(List.of(new Commit("alice", alice, "twice-1"), new Commit("alice", alice, "twice-1")));

        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.err()).isZero());
        assertThat(runs.stream().map(r -> r.out().strip()))
                .containsExactlyInAnyOrder("twice-1", "twice-1 (already submitted)");
        assertThat(farm.registered()).hasSize(1);
        assertThat(job("twice-1").submitter()).isEqualTo("alice");
    }

    @Test
    void oneIdFromTwoUsersAtOnceIsOneJobAndOneRefusal() throws Exception {
        uploaded("alice", "contested-1");
        uploaded("bob", "contested-1");
        List<Run> runs =
                atOnce(List.of(new Commit("alice", alice, "contested-1"), new Commit("bob", bob, "contested-1")));

        assertThat(runs.stream().filter(r -> r.exit() == 0)).hasSize(1);
        Run refused = runs.stream().filter(r -> r.exit() != 0).findFirst().orElseThrow();
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("job id 'contested-1' was already used; ids are never reused");
        String winner = runs.get(0).exit() == 0 ? "alice" : "bob";
        assertThat(job("contested-1").submitter()).isEqualTo(winner);
        assertThat(job("contested-1").status()).isEqualTo("registered");
        assertThat(farm.registered()).hasSize(1);
    }

    /** Below the commit's per-id lock: the registry alone keeps one job per id. */
    @Test
    void twoEntriesOfOneIdProcessedAtOnceRegisterOnceAndKeepTheWinnersFiles() throws Exception {
        Path srpm = SamplePackages.helloSrpm();
        List<Long> registered = new ArrayList<>();
        try (IncomingProcessor incoming =
                new IncomingProcessor(farm.config(), pg.controllerJdbi(), Clock.systemUTC(), registered::add, 2)) {
            List<Path> entries = new ArrayList<>();
            for (String holder : List.of("a", "b")) {
                entries.add(farm.sampleJob(Files.createDirectories(dir.resolve(holder)), "race-1"));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<IncomingProcessor.Result>> results = new ArrayList<>();
            for (Path entry : entries) {
                results.add(clients.submit(() -> {
                    start.await();
                    return incoming.processCommitted(entry, "carol");
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<IncomingProcessor.Result> r : results) {
                IncomingProcessor.Result result = r.get(60, TimeUnit.SECONDS);
                outcomes.add(result.outcome());
                if (result.outcome() == Outcome.REJECTED) {
                    assertThat(result.reason()).contains("was already used");
                }
            }

            assertThat(outcomes).containsExactlyInAnyOrder(Outcome.REGISTERED, Outcome.REJECTED);
            assertThat(registered).hasSize(1);
            assertThat(job("race-1").status()).isEqualTo("registered");
            assertThat(farm.config().acceptedDir().resolve("race-1").resolve(srpm.getFileName()))
                    .hasSameBinaryContentAs(srpm);
        }
    }

    @Test
    void aFileStillOpenForWritingIsNotCommitted() throws Exception {
        uploaded("alice", "open-1");
        Path srpm = SamplePackages.helloSrpm();
        try (ClientSession s = farm.javaSession("alice", alice);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            // Opened for writing and kept open: a write after validation would change the job.
            SftpClient.CloseableHandle handle = sftp.open("open-1/" + srpm.getFileName(), SftpClient.OpenMode.Write);
            Run refused = farm.ssh("alice", alice, "pkgforge-submit-commit", "open-1");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err())
                    .contains("upload open-1 is incomplete: " + srpm.getFileName()
                            + " is still open for writing; finish the upload and commit again");
            assertThat(farm.areaOf("alice").resolve("open-1/build.yml")).exists();
            assertThat(farm.registered()).isEmpty();
            handle.close();
        }
        Run commit = farm.ssh("alice", alice, "pkgforge-submit-commit", "open-1");
        assertThat(commit.exit()).as(commit.err()).isZero();
        assertThat(job("open-1").status()).isEqualTo("registered");
    }

    @Test
    void aFileOpenForWritingCannotBeRenamedIntoAnUploadAndCommitted() throws Exception {
        uploaded("alice", "moved-1");
        Path srpm = SamplePackages.helloSrpm();
        Path area = farm.areaOf("alice");
        Files.createDirectories(area.resolve("other"));
        Files.copy(srpm, area.resolve("other").resolve(srpm.getFileName()));
        Files.delete(area.resolve("moved-1").resolve(srpm.getFileName()));
        try (ClientSession s = farm.javaSession("alice", alice);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            SftpClient.CloseableHandle handle = sftp.open("other/" + srpm.getFileName(), SftpClient.OpenMode.Write);
            sftp.rename("other/" + srpm.getFileName(), "moved-1/" + srpm.getFileName());
            Run refused = farm.ssh("alice", alice, "pkgforge-submit-commit", "moved-1");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("is still open for writing");
            handle.close();
        }
        assertThat(area.resolve("moved-1").resolve(srpm.getFileName())).hasSameBinaryContentAs(srpm);
        assertThat(farm.registered()).isEmpty();
    }
}
