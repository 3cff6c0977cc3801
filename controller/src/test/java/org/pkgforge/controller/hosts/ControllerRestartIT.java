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
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.testing.BuildHostsFixture;
import org.pkgforge.controller.testing.ControllerYaml;
import org.pkgforge.controller.testing.FaultFigures;
import org.pkgforge.controller.testing.TestSrpms;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.AttemptRow;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/**
 * {@code kill -9} of the controller process (the real {@code pkgforge serve} from the shaded jar)
 * while four builds run on two SSH build hosts, then a restart: the agents keep building, find
 * the restarted controller through their port files and deliver every result.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ControllerRestartIT {
    private static final Duration LEASE = Duration.ofSeconds(40);

    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    @Test
    void buildsRunningWhenTheControllerIsKilledCompleteAfterItsRestart() throws Exception {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        Jdbi jdbi = pg.controllerJdbi();
        try (BuildHostsFixture hosts = BuildHostsFixture.create(dir, pg, LEASE)) {
            String platform = BuildHostsFixture.platform(jdbi, "cr");
            for (String name : List.of("r1", "r2")) {
                hosts.register(jdbi, name, hosts.startOpenSsh(name), List.of(platform), 2);
            }
            Path config = ControllerYaml.write(dir, hosts.config());
            Process controller = serve(config, "first");
            try {
                BuildHostsFixture.awaitOnline(jdbi, "r1");
                BuildHostsFixture.awaitOnline(jdbi, "r2");
                List<Long> jobs = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    jobs.add(submit(jdbi, hosts, TestSrpms.numberedLines(dir, "survivor", i, 40, 2, 1000)));
                }
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> running(jdbi, jobs) == 4);

                controller.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                long killedAt = System.nanoTime();
                Thread.sleep(1_000);
                controller = serve(config, "second");

                List<TaskRow> done = await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> tasks(jdbi, jobs), t -> t.stream()
                                .allMatch(r -> r.status().equals("success")));
                long recoveredMillis =
                        Duration.ofNanos(System.nanoTime() - killedAt).toMillis();

                int attempts = done.stream().mapToInt(TaskRow::attempts).sum();
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("buildsRunningAtKill", 4);
                figures.put("completed", done.size());
                figures.put("attempts", attempts);
                figures.put("requeued", attempts - done.size());
                figures.put("killToAllRecordedMillis", recoveredMillis);
                FaultFigures.record("controller_kill9_4_builds", figures);

                assertThat(done).hasSize(4);
                for (TaskRow t : done) {
                    List<AttemptRow> history = jdbi.onDemand(TaskDao.class).attemptsOf(t.id());
                    assertThat(history).last().satisfies(a -> assertThat(a.outcome())
                            .isEqualTo("success"));
                    var detail = jdbi.onDemand(TaskDao.class).detail(t.id()).orElseThrow();
                    Path results = hosts.config()
                            .resultsDir()
                            .resolve(detail.jobUuid())
                            .resolve(detail.target());
                    assertThat(Files.readString(results.resolve("build.log"))).contains("line 40");
                    assertThat(results.resolve("buildinfo.yml")).exists();
                }
                // Within the lease nothing had to be built twice.
                assertThat(attempts).isEqualTo(4);
            } finally {
                controller.destroy();
                controller.waitFor(20, TimeUnit.SECONDS);
                controller.destroyForcibly();
            }
        }
    }

    private Process serve(Path config, String run) throws IOException {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("pkgforge-controller-.*-all\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no shaded controller jar in target/ (mvn package)"));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-jar", jar.toString(), "serve", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("controller-" + run + ".log").toFile())
                .start();
    }

    private static long submit(Jdbi jdbi, BuildHostsFixture hosts, Path srpm) throws IOException {
        String id = srpm.getFileName().toString().replace(".src.rpm", "").replace('.', '-');
        int exit = PkgforgeCli.run(
                "submit",
                "-B",
                "devel",
                "-p",
                "cr",
                "--id",
                id,
                "--target",
                hosts.config().dropDir().toString(),
                srpm.toString());
        assertThat(exit).isZero();
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbi.onDemand(JobDao.class).findByUuid(id), java.util.Optional::isPresent)
                .orElseThrow()
                .id();
    }

    private static List<TaskRow> tasks(Jdbi jdbi, List<Long> jobs) {
        return jobs.stream()
                .flatMap(j -> jdbi.onDemand(TaskDao.class).forJob(j).stream())
                .toList();
    }

    private static long running(Jdbi jdbi, List<Long> jobs) {
        return tasks(jdbi, jobs).stream()
                .flatMap(t -> jdbi.onDemand(TaskDao.class).attemptsOf(t.id()).stream())
                .filter(a -> a.startedAt() != null && a.finishedAt() == null)
                .count();
    }
}
