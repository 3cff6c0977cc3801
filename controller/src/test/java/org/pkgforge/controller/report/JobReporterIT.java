package org.pkgforge.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.controller.config.ReportSettings;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.dao.WebhookDao;
import org.pkgforge.sql.row.NewJob;
import org.pkgforge.sql.row.WebhookDelivery;
import org.pkgforge.sql.testing.PostgresExtension;

/** Reports through a real SMTP server (GreenMail) from real registry rows. */
@Timeout(60)
class JobReporterIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private Jdbi jdbi;
    private JobReporter reporter;

    @BeforeEach
    void setUp() {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        jdbi = pg.controllerJdbi();
        PlatformDao platforms = jdbi.onDemand(PlatformDao.class);
        platforms.add("el9", "x86_64");
        platforms.add("el8", "x86_64");
        reporter = new JobReporter(
                jdbi,
                ReportSettings.mail("127.0.0.1", mail.getSmtp().getPort(), "farm@example.org", 1L),
                () -> "http://farm.example.org");
    }

    @Test
    void anEndedJobIsReportedOnceWithStatusTargetsAndThreadHeaders() throws Exception {
        long job = job("rep-1", List.of("dev@example.org", "lead@example.org"));
        long el9 = task(job, "el9");
        long el8 = task(job, "el8");
        end(el9, "success", null);
        jdbi.onDemand(TaskDao.class).markPublished(el9);
        assertThat(reporter.scan()).as("el8 still building").isZero();
        end(el8, "fail", "farm-app-1.0-1.src.rpm: missing BuildRequires: libfarm-devel >= 1.0");

        assertThat(reporter.scan()).isEqualTo(1);
        assertThat(reporter.scan()).as("reported once").isZero();

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(2); // one delivery per recipient
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("PkgForge [FAIL] - devel - rep-1 - partial_fail");
        assertThat(m.getHeader("References", null)).isEqualTo("<pkgforge-rep-1@pkgforge>");
        assertThat(m.getHeader("X-PkgForge-ID", null)).isEqualTo("rep-1");
        assertThat(m.getHeader("X-PkgForge-Status", null)).isEqualTo("partial_fail");
        assertThat(m.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("dev@example.org");
        assertThat(m.getRecipients(Message.RecipientType.CC))
                .extracting(Object::toString)
                .containsExactly("lead@example.org");
        String body = GreenMailUtil.getBody(m);
        assertThat(body)
                .contains("el8-x86_64: fail (build failure)")
                .contains("reason: farm-app-1.0-1.src.rpm: missing BuildRequires: libfarm-devel >= 1.0")
                .contains("el9-x86_64: success, published")
                .contains("log: http://farm.example.org/jobs/rep-1/tasks/el8-x86_64/log");
    }

    @Test
    void aJobWithoutAddressesSendsNothingButIsMarkedReported() {
        long job = job("rep-2", List.of());
        end(task(job, "el9"), "fail", "broken");

        assertThat(reporter.scan()).isEqualTo(1);
        assertThat(reporter.scan()).isZero();
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWebhookIsSignedRetriedAfterAFailureAndDeliveredOnce() throws Exception {
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        AtomicInteger answer = new AtomicInteger(503);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(Map.of(
                    "body",
                    new String(body, StandardCharsets.UTF_8),
                    "signature",
                    String.valueOf(exchange.getRequestHeaders().getFirst("X-PkgForge-Signature")),
                    "expected",
                    "sha256=" + WebhookSender.hmacSha256("s3cret", body)));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
        try {
            JobReporter hooks = new JobReporter(
                    jdbi,
                    new ReportSettings(
                            null,
                            null,
                            null,
                            1L,
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "s3cret",
                            3,
                            0L),
                    () -> "http://farm.example.org");
            long job = job("hook-1", List.of());
            long el9 = task(job, "el9");
            assertThat(hooks.scanWebhooks()).as("still building").isZero();
            end(el9, "fail", "hello-1.0-1.src.rpm: rpmbuild exited 1");

            assertThat(hooks.scanWebhooks()).isEqualTo(1);
            assertThat(jdbi.onDemand(WebhookDao.class).find(job).orElseThrow())
                    .extracting(WebhookDelivery::outcome, WebhookDelivery::attempts, WebhookDelivery::httpStatus)
                    .containsExactly("retrying", 1, 503);
            answer.set(204);
            assertThat(hooks.scanWebhooks()).as("retried (retry delay 0 s)").isEqualTo(1);
            assertThat(hooks.scanWebhooks()).as("delivered once").isZero();
            assertThat(jdbi.onDemand(WebhookDao.class).find(job).orElseThrow().outcome())
                    .isEqualTo("delivered");

            assertThat(received).hasSize(2);
            Map<String, String> last = received.get(1);
            assertThat(last.get("signature")).isEqualTo(last.get("expected"));
            JsonNode event = new ObjectMapper().readTree(last.get("body"));
            assertThat(event.path("event").asText()).isEqualTo("job.finished");
            assertThat(event.path("job").path("jobId").asText()).isEqualTo("hook-1");
            assertThat(event.path("job").path("status").asText()).isEqualTo("fail");
            assertThat(event.path("job").path("targets").get(0).path("reason").asText())
                    .isEqualTo("hello-1.0-1.src.rpm: rpmbuild exited 1");
            assertThat(event.path("job").path("jobUrl").asText()).isEqualTo("http://farm.example.org/jobs/hook-1");
            assertThat(mail.getReceivedMessages())
                    .as("the mail side is separate")
                    .isEmpty();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aWebhookThatNeverAnswersGivesUpAfterTheConfiguredAttempts() {
        JobReporter hooks = new JobReporter(
                jdbi,
                new ReportSettings(null, null, null, 1L, "http://127.0.0.1:9/unreachable", null, 2, 0L),
                () -> "http://farm.example.org");
        long job = job("hook-2", List.of());
        end(task(job, "el9"), "success", null);
        jdbi.onDemand(TaskDao.class)
                .markPublished(jdbi.onDemand(TaskDao.class).forJob(job).get(0).id());

        assertThat(hooks.scanWebhooks()).isEqualTo(1);
        assertThat(hooks.scanWebhooks()).isEqualTo(1);
        assertThat(hooks.scanWebhooks()).as("given up").isZero();
        WebhookDelivery d = jdbi.onDemand(WebhookDao.class).find(job).orElseThrow();
        assertThat(d.outcome()).isEqualTo("failed");
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.detail()).contains("cannot POST to http://127.0.0.1:9/unreachable");
    }

    private long job(String uuid, List<String> report) {
        return jdbi.onDemand(JobDao.class)
                .insert(new NewJob(
                        uuid, "devel", "tester", "registered", null, List.of("auto"), List.of("all"), report, 1));
    }

    private long task(long job, String platform) {
        int id = jdbi.onDemand(PlatformDao.class)
                .find(platform, "x86_64")
                .orElseThrow()
                .id();
        return jdbi.onDemand(TaskDao.class).insert(job, id);
    }

    /** Ends a task as the registry's functions would: building, then finished. */
    private void end(long task, String status, String reason) {
        jdbi.useHandle(h -> {
            h.execute("UPDATE task SET status = 'building', attempts = 1 WHERE id = ?", task);
            h.execute("UPDATE task SET status = ?, reason = ? WHERE id = ?", status, reason, task);
        });
    }
}
