package org.pkgforge.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.controller.config.ReportSettings;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.NewJob;
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
                new ReportSettings("127.0.0.1", mail.getSmtp().getPort(), "farm@example.org", 1L),
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
