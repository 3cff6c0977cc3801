package org.pkgforge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.config.ReportSettings;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/**
 * Sets end to end on the real farm: the two-package example (farm-app BuildRequires
 * libfarm-devel), submitted consumer first, builds in the derived order and lands in one publish;
 * the same set with libfarm broken publishes nothing and names every failed member. Each job's
 * report mail arrives at a real SMTP server (GreenMail).
 */
@Timeout(300)
class SetBuildIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path state;

    @TempDir
    Path packages;

    @Test
    void aSetBuildsInDerivedOrderAndIsPublishedWholeOrNotAtAll() throws Exception {
        String arch = FarmFixture.rpmArch();
        PlatformDao platforms = pg.controllerJdbi().onDemand(PlatformDao.class);
        platforms.add("el9", arch);
        platforms.activate("el9", arch);
        platforms.setAuto("el9", arch);
        ControllerConfig config = FarmFixture.config(state, pg, List.of("el9/" + arch))
                .withReports(ReportSettings.mail("127.0.0.1", mail.getSmtp().getPort(), "farm@example.org", 1L));
        Path app = SamplePackages.srpm(packages.resolve("good"), "farm-app", UnaryOperator.identity());
        Path lib = SamplePackages.srpm(packages.resolve("good"), "libfarm", UnaryOperator.identity());
        Path brokenLib = SamplePackages.srpm(
                packages.resolve("broken"), "libfarm", spec -> spec.replace("%build\n", "%build\nexit 3\n"));

        try (Farm farm = Farm.start(config)) {
            TaskRow good = buildToTheEnd(farm, config, "set-good", "devel", app, lib);

            assertThat(good.status()).as(good.reason()).isEqualTo("success");
            assertThat(good.failureClass()).isNull();
            String job = jobReason(farm, "set-good");
            assertThat(job)
                    .contains("build order derived from BuildRequires: libfarm-1.0-1.src.rpm, farm-app-1.0-1.src.rpm");
            Path results = config.resultsDir().resolve("set-good").resolve("el9-" + arch);
            String log = Files.readString(results.resolve("build.log"));
            assertThat(log.indexOf("--rebuild")).isLessThan(log.indexOf("farm-app-1.0-1.src.rpm"));
            assertThat(log.indexOf("libfarm-1.0-1.src.rpm")).isLessThan(log.indexOf("farm-app-1.0-1.src.rpm"));
            assertThat(log).doesNotContain("failed: missing BuildRequires");
            assertThat(results.resolve("rpmlint.log")).content().contains("packages and 0 specfiles checked");
            String primary = FarmFixture.primaryXml(config.repoFor("devel", "el9", arch));
            assertThat(primary)
                    .contains("<name>libfarm</name>")
                    .contains("<name>libfarm-devel</name>")
                    .contains("<name>farm-app</name>");

            TaskRow bad = buildToTheEnd(farm, config, "set-broken", "broken", app, brokenLib);

            assertThat(bad.status()).isEqualTo("fail");
            assertThat(bad.failureClass()).isEqualTo("build");
            assertThat(bad.reason())
                    .contains("libfarm-1.0-1.src.rpm: rpmbuild exited 1")
                    .contains("farm-app-1.0-1.src.rpm: missing BuildRequires: libfarm-devel >= 1.0");
            assertThat(bad.published()).isFalse();
            Path brokenRepo = config.repoFor("broken", "el9", arch);
            assertThat(Files.exists(brokenRepo.resolve("repodata/repomd.xml"))).isFalse();
            assertThat(rpmsIn(config.resultsDir().resolve("set-broken").resolve("el9-" + arch)))
                    .isEmpty();

            MimeMessage report = reportOf("set-broken");
            assertThat(report.getSubject()).isEqualTo("PkgForge [FAIL] - broken - set-broken - fail");
            assertThat(report.getHeader("References", null)).isEqualTo("<pkgforge-set-broken@pkgforge>");
            assertThat(report.getHeader("X-PkgForge-Status", null)).isEqualTo("fail");
            assertThat(report.getHeader("X-PkgForge-ID", null)).isEqualTo("set-broken");
            assertThat(report.getRecipients(Message.RecipientType.TO))
                    .extracting(Object::toString)
                    .containsExactly("dev@example.org");
            assertThat(report.getRecipients(Message.RecipientType.CC))
                    .extracting(Object::toString)
                    .containsExactly("lead@example.org");
            String body = GreenMailUtil.getBody(report).replace("=\r\n", "").replace("=3D", "=");
            assertThat(body)
                    .contains("el9-" + arch + ": fail (build failure)")
                    .contains("missing BuildRequires: libfarm-devel >= 1.0")
                    .contains(farm.webUrl() + "/jobs/set-broken");
            MimeMessage okReport = reportOf("set-good");
            assertThat(okReport.getSubject()).isEqualTo("PkgForge [OK] - devel - set-good - success");
            assertThat(GreenMailUtil.getBody(okReport)).contains("published");

            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(farm.webUrl() + "/jobs/set-broken"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("missing BuildRequires: libfarm-devel &gt;= 1.0");
        }
    }

    private static TaskRow buildToTheEnd(Farm farm, ControllerConfig config, String id, String bucket, Path... srpms)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "submit",
                "-B",
                bucket,
                "--id",
                id,
                "-r",
                "dev@example.org,lead@example.org",
                "--target",
                config.dropDir().toString()));
        for (Path srpm : srpms) {
            args.add(srpm.toString());
        }
        assertThat(PkgforgeCli.run(args.toArray(String[]::new))).isZero();
        farm.processIncoming();
        long jobId = await().atMost(Duration.ofSeconds(60))
                .until(() -> farm.jdbi().onDemand(JobDao.class).findByUuid(id), o -> o.isPresent())
                .orElseThrow()
                .id();
        List<TaskRow> tasks = await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> farm.jdbi().onDemand(TaskDao.class).forJob(jobId),
                        t -> t.size() == 1
                                && (t.get(0).published() || t.get(0).status().equals("fail")));
        return tasks.get(0);
    }

    /** The report mail of one job, as the To recipient received it. */
    private static MimeMessage reportOf(String jobId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> java.util.Arrays.stream(mail.getReceivedMessagesForDomain("dev@example.org"))
                                .filter(m -> {
                                    try {
                                        return jobId.equals(m.getHeader("X-PkgForge-ID", null));
                                    } catch (jakarta.mail.MessagingException e) {
                                        return false;
                                    }
                                })
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static String jobReason(Farm farm, String id) {
        return farm.jdbi().onDemand(JobDao.class).findByUuid(id).orElseThrow().reason();
    }

    private static List<Path> rpmsIn(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".rpm")).toList();
        }
    }
}
