package org.pkgforge.controller.config;

import java.util.Optional;

/**
 * End-of-job email reports, from the {@code reports:} section of controller.yaml. Without an
 * {@code smtpHost} no mail is sent. Mail goes to the job's {@code report} addresses (the first as
 * To, the rest as Cc, like the original).
 *
 * <pre>
 * reports:
 *   smtpHost: mail.example.org
 *   smtpPort: 25
 *   from: pkgforge@example.org
 *   scanSeconds: 5
 * </pre>
 */
public record ReportSettings(String smtpHost, Integer smtpPort, String from, Long scanSeconds) {
    public ReportSettings {
        smtpPort = smtpPort == null ? 25 : smtpPort;
        from = from == null || from.isBlank() ? "pkgforge@localhost" : from;
        scanSeconds = scanSeconds == null ? 5L : scanSeconds;
        if (scanSeconds < 1) {
            throw new IllegalArgumentException("reports.scanSeconds must be at least 1");
        }
    }

    public static ReportSettings none() {
        return new ReportSettings(null, null, null, null);
    }

    public Optional<String> smtp() {
        return Optional.ofNullable(smtpHost).filter(h -> !h.isBlank());
    }
}
