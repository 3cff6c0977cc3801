package org.pkgforge.controller.config;

import java.net.URI;
import java.util.Optional;

/**
 * End-of-job reports, from the {@code reports:} section of controller.yaml. Without an
 * {@code smtpHost} no mail is sent. Mail goes to the job's {@code report} addresses (the first as
 * To, the rest as Cc, like the original). With a {@code webhookUrl}, every ended job is also
 * POSTed there as JSON, signed with HMAC-SHA256 when a {@code webhookSecret} is set, and retried
 * with doubling delays from {@code webhookRetrySeconds} until a 2xx or
 * {@code webhookMaxAttempts}.
 *
 * <pre>
 * reports:
 *   smtpHost: mail.example.org
 *   smtpPort: 25
 *   from: pkgforge@example.org
 *   scanSeconds: 5
 *   webhookUrl: https://chat.example.org/hooks/pkgforge
 *   webhookSecret: s3cret
 * </pre>
 */
public record ReportSettings(
        String smtpHost,
        Integer smtpPort,
        String from,
        Long scanSeconds,
        String webhookUrl,
        String webhookSecret,
        Integer webhookMaxAttempts,
        Long webhookRetrySeconds) {
    public ReportSettings {
        webhookMaxAttempts = webhookMaxAttempts == null ? 8 : webhookMaxAttempts;
        webhookRetrySeconds = webhookRetrySeconds == null ? 30L : webhookRetrySeconds;
        if (webhookUrl != null && !webhookUrl.isBlank()) {
            String scheme = URI.create(webhookUrl).getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("reports.webhookUrl must be an http or https URL");
            }
        }
        if (webhookMaxAttempts < 1 || webhookRetrySeconds < 0) {
            throw new IllegalArgumentException(
                    "reports.webhookMaxAttempts must be at least 1, webhookRetrySeconds >= 0");
        }
        smtpPort = smtpPort == null ? 25 : smtpPort;
        from = from == null || from.isBlank() ? "pkgforge@localhost" : from;
        scanSeconds = scanSeconds == null ? 5L : scanSeconds;
        if (scanSeconds < 1) {
            throw new IllegalArgumentException("reports.scanSeconds must be at least 1");
        }
    }

    public static ReportSettings none() {
        return new ReportSettings(null, null, null, null, null, null, null, null);
    }

    /** Mail only, as most sites have it. */
    public static ReportSettings mail(String smtpHost, int smtpPort, String from, long scanSeconds) {
        return new ReportSettings(smtpHost, smtpPort, from, scanSeconds, null, null, null, null);
    }

    public Optional<URI> webhook() {
        return Optional.ofNullable(webhookUrl).filter(u -> !u.isBlank()).map(URI::create);
    }

    public Optional<String> smtp() {
        return Optional.ofNullable(smtpHost).filter(h -> !h.isBlank());
    }
}
