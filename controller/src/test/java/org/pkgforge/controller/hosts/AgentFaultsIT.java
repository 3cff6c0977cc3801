package org.pkgforge.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.config.BuildSettings;
import org.pkgforge.controller.testing.BuildHostsFixture;
import org.pkgforge.controller.testing.FaultFigures;
import org.pkgforge.controller.testing.TestSrpms;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.AttemptRow;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/**
 * Faults on build hosts reached over real OpenSSH servers: agents killed or stopped in the middle
 * of a build, SSH connections cut under a running build. Each test asserts its figure and records
 * it in target/fault-figures.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AgentFaultsIT {
    private static final Duration LEASE = Duration.ofSeconds(8);
    private static final Pattern LINE = Pattern.compile("^line (\\d+)$", Pattern.MULTILINE);

    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    static Path dir;

    private BuildHostsFixture hosts;
    private Farm farm;
    private String platform;
    private int release;

    @BeforeAll
    void startFarm() throws Exception {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        hosts = BuildHostsFixture.create(dir, pg, LEASE);
        platform = BuildHostsFixture.platform(pg.controllerJdbi(), "ft");
        for (String name : List.of("h1", "h2")) {
            hosts.register(pg.controllerJdbi(), name, hosts.startOpenSsh(name), List.of(platform), 1);
        }
        // Twenty kills over three tasks are more infrastructure failures than a task is normally
        // allowed before it fails for good (builds.maxInfraAttempts, 3): this test is about
        // detecting and requeueing, so the limit is lifted.
        farm = Farm.start(hosts.config().withBuilds(new BuildSettings(50, null, null, null, null)));
    }

    @AfterAll
    void stopFarm() throws Exception {
        if (farm != null) {
            farm.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @BeforeEach
    void bothHostsOnline() {
        hostDao().setEnabled("h1", true);
        hostDao().setEnabled("h2", true);
        awaitOnline("h1");
        awaitOnline("h2");
    }

    @Test
    void agentKilledTwentyTimesInTheMiddleOfBuildsLosesNoTaskAndAcceptsNoDuplicate() throws Exception {
        hostDao().setEnabled("h2", false);
        List<Long> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(submit(TestSrpms.numberedLines(dir, "killed", ++release, 40, 10, 1000)));
        }
        List<Long> detectionMillis = new ArrayList<>();
        for (int kill = 0; kill < 20; kill++) {
            AttemptRow running = awaitRunningOn("h1", tasks);
            long pid = hosts.agentPid("h1").orElseThrow();
            long killedAt = System.nanoTime();
            hosts.signalAgent("h1", "KILL");
            await().atMost(BuildHostsFixture.HEARTBEAT_TIMEOUT.plusSeconds(5).plusSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !taskDao().isCurrent(running.taskId(), running.number()));
            detectionMillis.add(Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> hosts.agentPid("h1").filter(p -> p != pid).isPresent());
        }
        List<TaskRow> done = awaitAllSucceeded(tasks, Duration.ofMinutes(3));

        int attemptsInAll = 0;
        for (TaskRow t : done) {
            List<AttemptRow> history = taskDao().attemptsOf(t.id());
            attemptsInAll += history.size();
            assertThat(history).filteredOn(a -> "success".equals(a.outcome())).hasSize(1);
            assertThat(history.subList(0, history.size() - 1))
                    .allSatisfy(a -> assertThat(a.outcome()).isEqualTo("infra_fail"));
        }
        long infraFailures = done.stream()
                .flatMap(t -> taskDao().attemptsOf(t.id()).stream())
                .filter(a -> "infra_fail".equals(a.outcome()))
                .count();
        long maxDetection =
                detectionMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
        FaultFigures.record(
                "agent_kill9_x20",
                figures(
                        "kills",
                        20,
                        "tasks",
                        tasks.size(),
                        "tasksLost",
                        tasks.size() - done.size(),
                        "duplicateResultsAccepted",
                        attemptsInAll - infraFailures - done.size(),
                        "tasksRequeued",
                        infraFailures,
                        "detectionMillisMax",
                        maxDetection,
                        "detectionMillisP50",
                        percentile(detectionMillis, 50),
                        "detectionLimitMillis",
                        BuildHostsFixture.HEARTBEAT_TIMEOUT.plusSeconds(5).toMillis()));

        assertThat(done).hasSize(tasks.size()).allSatisfy(t -> assertThat(t.status())
                .isEqualTo("success"));
        assertThat(infraFailures).isEqualTo(20);
        assertThat(attemptsInAll).isEqualTo(20 + tasks.size());
        assertThat(maxDetection)
                .isLessThanOrEqualTo(
                        BuildHostsFixture.HEARTBEAT_TIMEOUT.plusSeconds(5).toMillis());
    }

    @Test
    void cuttingTheSshConnectionDuringABuildLosesAndDuplicatesNoLogLine() throws Exception {
        hostDao().setEnabled("h2", false);
        long task = submit(TestSrpms.numberedLines(dir, "cut", ++release, 3000, 100, 250));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> logBytes(task) > 2_000);
        int cuts = 0;
        for (int i = 0; i < 2; i++) {
            hosts.server("h1").dropConnections();
            cuts++;
            awaitOnline("h1");
            Thread.sleep(1_000);
        }
        TaskRow done = awaitAllSucceeded(List.of(task), Duration.ofMinutes(2)).get(0);

        String log = Files.readString(storedLog(task));
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        Matcher m = LINE.matcher(log);
        while (m.find()) {
            seen.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
        }
        long missing = java.util.stream.IntStream.rangeClosed(1, 3000)
                .filter(n -> !seen.containsKey(n))
                .count();
        long duplicated = seen.values().stream().filter(c -> c > 1).count();
        FaultFigures.record(
                "ssh_cut_3000_lines",
                figures(
                        "cuts", cuts,
                        "lines", 3000,
                        "linesLost", missing,
                        "linesDuplicated", duplicated,
                        "attempts", done.attempts()));

        assertThat(done.attempts()).isEqualTo(1);
        assertThat(missing).isZero();
        assertThat(duplicated).isZero();
        assertThat(seen).hasSize(3000);
    }

    @Test
    void agentStoppedShorterThanTheLeaseKeepsItsAttempt() throws Exception {
        hostDao().setEnabled("h2", false);
        long task = submit(TestSrpms.numberedLines(dir, "paused", ++release, 60, 10, 1000));
        awaitRunningOn("h1", List.of(task));
        hosts.signalAgent("h1", "STOP");
        Thread.sleep(LEASE.toMillis() / 2);
        hostDao().setEnabled("h2", true);
        Thread.sleep(1_000);
        hosts.signalAgent("h1", "CONT");
        TaskRow done = awaitAllSucceeded(List.of(task), Duration.ofMinutes(2)).get(0);
        FaultFigures.record(
                "sigstop_shorter_than_lease",
                figures(
                        "stoppedMillis",
                        LEASE.toMillis() / 2 + 1_000,
                        "leaseMillis",
                        LEASE.toMillis(),
                        "attempts",
                        done.attempts()));
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(taskDao().attemptsOf(task)).singleElement().satisfies(a -> {
            assertThat(a.agentName()).isEqualTo("h1");
            assertThat(a.outcome()).isEqualTo("success");
        });
    }

    @Test
    void agentStoppedLongerThanTheLeaseLosesItsAttemptAndItsLateResultIsRejected() throws Exception {
        hostDao().setEnabled("h2", false);
        long task = submit(TestSrpms.numberedLines(dir, "frozen", ++release, 30, 10, 1000));
        awaitRunningOn("h1", List.of(task));
        hosts.signalAgent("h1", "STOP");
        long stoppedAt = System.nanoTime();
        hostDao().setEnabled("h2", true);
        AttemptRow second = await().atMost(LEASE.plusSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> taskDao().attemptsOf(task),
                        a -> a.size() == 2 && a.get(1).startedAt() != null)
                .get(1);
        long rescheduledAfter = Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis();
        // The old attempt's build has finished by now, unseen: its result arrives only on waking.
        Thread.sleep(4_000);
        hosts.signalAgent("h1", "CONT");
        TaskRow done = awaitAllSucceeded(List.of(task), Duration.ofMinutes(2)).get(0);
        Thread.sleep(3_000);
        List<AttemptRow> history = taskDao().attemptsOf(task);
        FaultFigures.record(
                "sigstop_longer_than_lease",
                figures(
                        "leaseMillis",
                        LEASE.toMillis(),
                        "rescheduledAfterMillis",
                        rescheduledAfter,
                        "attempts",
                        history.size(),
                        "staleResultAccepted",
                        !"infra_fail".equals(history.get(0).outcome())));

        assertThat(second.agentName()).isEqualTo("h2");
        assertThat(rescheduledAfter).isGreaterThanOrEqualTo(LEASE.toMillis() - 1_000);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(history.get(0).outcome()).isEqualTo("infra_fail");
        assertThat(history.get(0).reason()).contains("lease expired");
        assertThat(history.get(1).outcome()).isEqualTo("success");
        assertThat(Files.readString(storedBuildInfo(task)))
                .contains("attempt: 2")
                .contains("agent: \"h2\"");
    }

    // --- helpers -------------------------------------------------------------------------------

    private long submit(Path srpm) throws IOException {
        String id = srpm.getFileName().toString().replace(".src.rpm", "").replace('.', '-');
        int exit = PkgforgeCli.run(
                "submit",
                "-B",
                "devel",
                "-p",
                platform.split("/")[0],
                "--id",
                id,
                "--target",
                hosts.config().dropDir().toString(),
                srpm.toString());
        assertThat(exit).isZero();
        farm.processIncoming();
        long jobId =
                farm.jdbi().onDemand(JobDao.class).findByUuid(id).orElseThrow().id();
        return taskDao().forJob(jobId).get(0).id();
    }

    private AttemptRow awaitRunningOn(String host, List<Long> tasks) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> tasks.stream()
                                .flatMap(t -> taskDao().attemptsOf(t).stream())
                                .filter(a ->
                                        host.equals(a.agentName()) && a.startedAt() != null && a.finishedAt() == null)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private List<TaskRow> awaitAllSucceeded(List<Long> tasks, Duration limit) {
        return await().atMost(limit)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> tasks.stream()
                                .map(t -> taskDao().detail(t).orElseThrow().jobId())
                                .flatMap(j -> taskDao().forJob(j).stream())
                                .toList(),
                        rows -> rows.stream().allMatch(r -> r.status().equals("success")));
    }

    private void awaitOnline(String host) {
        BuildHostsFixture.awaitOnline(farm.jdbi(), host);
    }

    /** What the controller has stored of the live attempt's log so far. */
    private long logBytes(long task) throws IOException {
        Path log = storedLog(task);
        return Files.exists(log) ? Files.size(log) : 0;
    }

    private Path storedLog(long task) {
        return targetDir(task).resolve("build.log");
    }

    private Path storedBuildInfo(long task) {
        return targetDir(task).resolve("buildinfo.yml");
    }

    private Path targetDir(long task) {
        var d = taskDao().detail(task).orElseThrow();
        return hosts.config().resultsDir().resolve(d.jobUuid()).resolve(d.target());
    }

    private TaskDao taskDao() {
        return farm.jdbi().onDemand(TaskDao.class);
    }

    private HostDao hostDao() {
        return farm.jdbi().onDemand(HostDao.class);
    }

    private static Map<String, Object> figures(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
