package org.pkgforge.controller.report;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Renders a {@link JobReport} as a plain-text mail in the original PkgForge's shape: the status in
 * the subject, {@code References: <pkgforge-<job>@pkgforge>} so every mail about a job threads
 * together, and {@code X-PkgForge-ID}, {@code X-PkgForge-Status} and {@code X-PkgForge-Bucket}
 * for filters. Unlike the original's, the body names every failure's reason and log.
 */
public final class ReportMail {
    private ReportMail() {}

    public static String subject(JobReport r) {
        return "PkgForge " + (r.ok() ? "[OK]" : "[FAIL]") + " - " + r.bucket() + " - " + r.jobId() + " - " + r.status();
    }

    /** The thread root every mail of the job refers to. */
    public static String threadId(String jobId) {
        return "<pkgforge-" + jobId + "@pkgforge>";
    }

    public static String body(JobReport r) {
        StringBuilder b = new StringBuilder();
        b.append("PkgForge job ")
                .append(r.jobId())
                .append(" (bucket ")
                .append(r.bucket())
                .append(") ended: ");
        b.append(r.status()).append("\n");
        if (r.submitter() != null) {
            b.append("Submitted by ").append(r.submitter()).append("\n");
        }
        b.append("Details: ").append(r.jobUrl()).append("\n");
        if (r.notes() != null && !r.notes().isBlank()) {
            b.append("Notes: ").append(r.notes()).append("\n");
        }
        b.append("\nTargets:\n");
        for (JobReport.Target t : r.targets()) {
            b.append("  ").append(t.target()).append(": ").append(t.status());
            if (!t.failureClass().isEmpty()) {
                b.append(" (").append(t.failureClass()).append(")");
            }
            if (t.status().equals("success")) {
                b.append(t.published() ? ", published" : ", NOT published");
            }
            b.append("\n");
            if (t.reason() != null && !t.reason().isBlank()) {
                b.append("    reason: ").append(t.reason()).append("\n");
            }
            b.append("    log: ").append(t.logUrl()).append("\n");
            if (!t.products().isEmpty()) {
                b.append("    products: ")
                        .append(String.join(", ", t.products()))
                        .append("\n");
            }
        }
        if (!r.skipped().isEmpty()) {
            b.append("\nSkipped targets:\n");
            r.skipped().forEach(s -> b.append("  ")
                    .append(s.target())
                    .append(": ")
                    .append(s.reason())
                    .append("\n"));
        }
        b.append("\nYou receive this because the job listed you as a report address.\n");
        return b.toString();
    }

    public static MimeMessage toMessage(JobReport r, Session session, String from) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipient(
                Message.RecipientType.TO, new InternetAddress(r.recipients().get(0)));
        for (String cc : r.recipients().subList(1, r.recipients().size())) {
            m.addRecipient(Message.RecipientType.CC, new InternetAddress(cc));
        }
        m.setSubject(subject(r), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        m.setText(body(r), StandardCharsets.UTF_8.name());
        m.setHeader("References", threadId(r.jobId()));
        m.setHeader("In-Reply-To", threadId(r.jobId()));
        m.setHeader("X-PkgForge-ID", r.jobId());
        m.setHeader("X-PkgForge-Status", r.status());
        m.setHeader("X-PkgForge-Bucket", r.bucket());
        return m;
    }
}
