package org.pkgforge.controller.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a job's end as JSON ({@code {"event":"job.finished","job":{...}}}) to the configured URL.
 * With a secret, {@code X-PkgForge-Signature: sha256=<hex HMAC of the body>}, as GitHub and
 * Gitea sign theirs, so the receiver can tell the farm from anyone who learnt the URL.
 */
final class WebhookSender {
    static final String SIGNATURE_HEADER = "X-PkgForge-Signature";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How one POST went: a 2xx is delivered; anything else is retried. */
    record Result(boolean delivered, Integer httpStatus, String detail) {}

    private final URI url;
    private final Optional<String> secret;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    WebhookSender(URI url, Optional<String> secret) {
        this.url = url;
        this.secret = secret;
    }

    Result send(JobReport report) {
        try {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "job.finished");
            event.put("job", report);
            byte[] body = JSON.writeValueAsBytes(event);
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "PkgForge")
                    .header("X-PkgForge-Event", "job.finished")
                    .header("X-PkgForge-ID", report.jobId())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (secret.isPresent()) {
                request.header(SIGNATURE_HEADER, "sha256=" + hmacSha256(secret.get(), body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String answer = response.body() == null ? "" : response.body().strip();
            return new Result(
                    status / 100 == 2, status, "HTTP " + status + (answer.isEmpty() ? "" : ": " + cut(answer)));
        } catch (IOException e) {
            return new Result(false, null, "cannot POST to " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted");
        }
    }

    static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA256", e);
        }
    }

    private static String cut(String text) {
        String line = text.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
