package org.pkgforge.controller.report;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.config.ReportSettings;
import org.pkgforge.sql.dao.ReportDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.dao.WebhookDao;
import org.pkgforge.sql.row.JobRow;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.row.WebhookDue;
import org.pkgforge.webapp.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one report per job when it has ended (a mail, and a webhook POST when configured): every task finished, and every success published
 * (or its publish failed). Ended jobs are found by a periodic scan of the registry rather than by
 * hooks in the result path, so a report is never lost to a crash between the last result and the
 * mail: the job_report row is written after the attempt to send, and a restart picks up the rest.
 */
public final class JobReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobReporter.class);
    private static final int SMTP_TIMEOUT_MILLIS = 20_000;
    /** Bounds one scan's time when a receiver is slow: 10 s timeout each. */
    private static final int WEBHOOKS_PER_SCAN = 20;

    private final Jdbi jdbi;
    private final ReportSettings settings;
    private final Supplier<String> webUrl;
    private final Optional<WebhookSender> webhook;
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-reporter");
        t.setDaemon(true);
        return t;
    });

    public JobReporter(Jdbi jdbi, ReportSettings settings, Supplier<String> webUrl) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.webUrl = webUrl;
        this.webhook =
                settings.webhook().map(url -> new WebhookSender(url, Optional.ofNullable(settings.webhookSecret())));
    }

    public void start() {
        if (settings.smtp().isEmpty()) {
            log.info("No reports.smtpHost configured: end-of-job mails are off");
        } else {
            log.info("End-of-job mails go through {}:{}", settings.smtpHost(), settings.smtpPort());
        }
        webhook.ifPresent(w -> log.info("End-of-job webhooks go to {}", settings.webhookUrl()));
        if (settings.smtp().isPresent() || webhook.isPresent()) {
            scanner.scheduleWithFixedDelay(this::scanQuietly, 0, settings.scanSeconds(), TimeUnit.SECONDS);
        }
    }

    private void scanQuietly() {
        try {
            if (settings.smtp().isPresent()) {
                scan();
            }
            if (webhook.isPresent()) {
                scanWebhooks();
            }
        } catch (RuntimeException | Error e) {
            // Caught, or the executor would silently stop scheduling further scans.
            log.warn("report scan failed: {}", e.toString(), e);
        }
    }

    /** Reports every ended job that has no report yet; returns how many were handled. */
    public int scan() {
        ReportDao reports = jdbi.onDemand(ReportDao.class);
        List<Long> ended = reports.endedUnreported();
        for (long jobId : ended) {
            JobRow job = reports.job(jobId).orElseThrow();
            if (job.report().isEmpty()) {
                reports.record(jobId, job.status(), "no_recipients", null);
                continue;
            }
            JobReport report = compose(job);
            try {
                send(report);
                reports.record(jobId, job.status(), "sent", String.join(", ", report.recipients()));
                log.info("job {}: report sent to {}", job.uuid(), report.recipients());
            } catch (MessagingException e) {
                log.warn("job {}: report could not be sent: {}", job.uuid(), e.toString());
                reports.record(jobId, job.status(), "failed", e.getMessage());
            }
        }
        return ended.size();
    }

    /**
     * POSTs every ended job whose webhook is due; a failure is retried at the next scan after
     * {@code webhookRetrySeconds × 2^(attempts-1)}, until {@code webhookMaxAttempts}. Returns how
     * many POSTs were made.
     */
    public int scanWebhooks() {
        WebhookSender sender = webhook.orElseThrow(() -> new IllegalStateException("no reports.webhookUrl"));
        WebhookDao webhooks = jdbi.onDemand(WebhookDao.class);
        ReportDao reports = jdbi.onDemand(ReportDao.class);
        List<WebhookDue> due = webhooks.due(WEBHOOKS_PER_SCAN);
        for (WebhookDue d : due) {
            JobRow job = reports.job(d.jobId()).orElseThrow();
            WebhookSender.Result r = sender.send(compose(job));
            int attempts = d.attempts() + 1;
            if (r.delivered()) {
                webhooks.record(d.jobId(), "delivered", attempts, 0, r.httpStatus(), r.detail());
                log.info("job {}: webhook delivered ({})", job.uuid(), r.detail());
            } else if (attempts >= settings.webhookMaxAttempts()) {
                webhooks.record(d.jobId(), "failed", attempts, 0, r.httpStatus(), r.detail());
                log.warn("job {}: webhook failed {} times, giving up: {}", job.uuid(), attempts, r.detail());
            } else {
                double delay = settings.webhookRetrySeconds() * Math.pow(2, attempts - 1);
                webhooks.record(d.jobId(), "retrying", attempts, delay, r.httpStatus(), r.detail());
                log.info(
                        "job {}: webhook attempt {} failed ({}), again in {} s",
                        job.uuid(),
                        attempts,
                        r.detail(),
                        delay);
            }
        }
        return due.size();
    }

    JobReport compose(JobRow job) {
        ReportDao reports = jdbi.onDemand(ReportDao.class);
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        String base = webUrl.get();
        List<JobReport.Target> targets = tasks.forJob(job.id()).stream()
                .map(t -> target(job.uuid(), t, base, reports.products(t.id())))
                .toList();
        List<JobReport.Skipped> skipped = tasks.skippedForJob(job.id()).stream()
                .map(s -> new JobReport.Skipped(Routes.taskTarget(s.platform(), s.arch()), s.reason()))
                .toList();
        return new JobReport(
                job.uuid(),
                job.bucket(),
                job.submitter(),
                job.status(),
                job.reason(),
                base + Routes.job(job.uuid()),
                job.report(),
                targets,
                skipped);
    }

    private static JobReport.Target target(String jobId, TaskRow t, String base, List<String> products) {
        String target = Routes.taskTarget(t.platform(), t.arch());
        String failureClass = t.failureClass() == null
                ? ""
                : t.failureClass().equals("infrastructure") ? "infrastructure failure" : "build failure";
        return new JobReport.Target(
                target,
                t.status(),
                t.status().equals("success") ? "" : failureClass,
                t.reason(),
                t.published(),
                base + Routes.taskLog(jobId, target),
                products);
    }

    private void send(JobReport report) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", settings.smtpHost());
        props.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
        props.put("mail.smtp.connectiontimeout", Integer.toString(SMTP_TIMEOUT_MILLIS));
        props.put("mail.smtp.timeout", Integer.toString(SMTP_TIMEOUT_MILLIS));
        props.put("mail.smtp.writetimeout", Integer.toString(SMTP_TIMEOUT_MILLIS));
        Session session = Session.getInstance(props);
        Transport.send(ReportMail.toMessage(report, session, settings.from()));
    }

    @Override
    public void close() throws InterruptedException {
        scanner.shutdownNow();
        scanner.awaitTermination(10, TimeUnit.SECONDS);
    }
}
