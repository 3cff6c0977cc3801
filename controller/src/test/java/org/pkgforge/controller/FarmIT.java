package org.pkgforge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/**
 * The walking skeleton end to end on real parts: pkgforge submit → drop directory → controller →
 * agent process → rpmbuild → createrepo_c → repository metadata, and the web page.
 */
class FarmIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path state;

    @Test
    void submittedJobIsBuiltPublishedAndShown() throws Exception {
        String arch = FarmFixture.rpmArch();
        PlatformDao platforms = pg.controllerJdbi().onDemand(PlatformDao.class);
        platforms.add("el9", arch);
        platforms.activate("el9", arch);
        platforms.setAuto("el9", arch);
        platforms.add("el8", arch); // inactive: must get no task
        ControllerConfig config = FarmFixture.config(state, pg, List.of("el9/" + arch));

        try (Farm farm = Farm.start(config)) {
            int exit = PkgforgeCli.run(
                    "submit",
                    "-B",
                    "devel",
                    "--id",
                    "e2e-1",
                    "--target",
                    config.dropDir().toString(),
                    SamplePackages.helloSrpm().toString());
            assertThat(exit).isZero();

            long jobId = await().atMost(Duration.ofSeconds(60))
                    .until(() -> farm.jdbi().onDemand(JobDao.class).findByUuid("e2e-1"), o -> o.isPresent())
                    .orElseThrow()
                    .id();
            List<TaskRow> tasks = await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> farm.jdbi().onDemand(TaskDao.class).forJob(jobId),
                            t -> !t.isEmpty() && t.stream().allMatch(TaskRow::published));

            assertThat(tasks)
                    .extracting(TaskRow::target, TaskRow::status, TaskRow::attempts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("el9-" + arch, "success", 1));
            assertThat(farm.jdbi()
                            .onDemand(JobDao.class)
                            .findByUuid("e2e-1")
                            .orElseThrow()
                            .status())
                    .isEqualTo("success");

            Path repo = config.repoFor("devel", "el9", arch);
            assertThat(FarmFixture.primaryXml(repo)).contains("<name>hello</name>");
            Path results = config.resultsDir().resolve("e2e-1").resolve("el9-" + arch);
            assertThat(Files.readString(results.resolve("build.log"))).contains("rpmbuild");
            assertThat(Files.readString(results.resolve("buildinfo.yml"))).contains("outcome: \"success\"");
            assertThat(config.acceptedDir().resolve("e2e-1").resolve("build.yml"))
                    .exists();
            assertThat(config.dropDir()).isEmptyDirectory();

            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(farm.webUrl() + "/jobs/e2e-1"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("e2e-1").contains("success").contains("el9");

            HttpResponse<String> metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(farm.webUrl() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            long logBytes = Files.size(results.resolve("build.log"));
            assertThat(metrics.body())
                    .contains("pkgforge_tasks{state=\"success\"} 1")
                    .contains("pkgforge_queue_length{platform=\"el9/" + arch + "\"} 0")
                    .contains("pkgforge_agent_slots{state=\"total\"} 1")
                    .contains("pkgforge_dispatch_latency_seconds_count 1")
                    .contains("pkgforge_log_bytes_total " + (double) logBytes);
        }
    }
}
