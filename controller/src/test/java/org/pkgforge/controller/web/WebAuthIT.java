package org.pkgforge.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.WebSettings;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.WebFarmFixture;
import org.pkgforge.protocol.job.Checksums;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * Web authentication over HTTP against a real farm: login URLs from {@code pkgforge web-login}
 * over SSH work once and not after they expire, sessions live in the registry, forms need the
 * CSRF token, users cannot act on other users' jobs (admins can), and the trusted-proxy header
 * counts only from a trusted address.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebAuthIT {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    @TempDir
    static Path dir;

    /** Another loopback address: Linux answers on all of 127/8, so a client can bind it. */
    private static final String PROXY = "127.0.0.2";

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static WebFarmFixture web;
    private static Path aliceKey;
    private static Path carolKey;
    private static String arch;

    @BeforeAll
    static void start() throws Exception {
        arch = FarmFixture.activeAutoPlatform(pg, "el9", FarmFixture.rpmArch());
        WebSettings settings = WebSettings.defaults();
        web = WebFarmFixture.start(
                dir,
                pg,
                new WebSettings(
                        List.of(InetAddress.getByName(PROXY)), settings.userHeader(), settings.sessionLifetime()));
        aliceKey = web.addUser("alice", false);
        web.addUser("bob", false);
        carolKey = web.addUser("carol", true);
        pg.execute("INSERT INTO job (uuid, bucket, submitter, status) VALUES ('bob-1', 'main', 'bob', 'registered')");
        pg.execute("INSERT INTO task (job_id, platform_id, status) SELECT j.id, p.id, 'needs_build'"
                + " FROM job j, platform p WHERE j.uuid = 'bob-1'");
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void aLoginUrlWorksOnceAndNotAfterItExpired() throws Exception {
        String url = web.webLogin("alice", aliceKey);
        assertThat(url).startsWith(web.farm().webUrl() + "/login/");
        String token = url.substring(url.lastIndexOf('/') + 1);

        HttpResponse<String> first = get(url, null);
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).contains("/jobs?mine");
        String session = sessionCookie(first);
        assertThat(first.headers().firstValue("Set-Cookie").orElseThrow())
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        HttpResponse<String> mine = get(web.farm().webUrl() + "/jobs?mine", session);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("<span class=\"user\">alice</span>");

        HttpResponse<String> again = get(url, null);
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("unknown, already used or expired");
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();

        // Only hashes are stored; a second service over the same registry (a restarted
        // controller) knows the session.
        assertThat(count("web_login WHERE token_sha256 = '"
                        + Checksums.sha256Hex(token.getBytes(StandardCharsets.UTF_8)) + "' AND used_at IS NOT NULL"))
                .isEqualTo(1);
        assertThat(count("web_login WHERE token_sha256 = '" + token + "'")).isZero();
        assertThat(new WebLoginService(pg.controllerJdbi(), Duration.ofHours(1)).user(session))
                .hasValueSatisfying(u -> assertThat(u.name()).isEqualTo("alice"));

        String late = web.webLogin("alice", aliceKey);
        pg.execute("UPDATE web_login SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
        assertThat(get(late, null).statusCode()).isEqualTo(403);

        HttpResponse<String> logout = post("/logout", session, "csrf=" + csrf(session));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(get(web.farm().webUrl() + "/jobs?mine", session).statusCode())
                .isEqualTo(401);
    }

    @Test
    void formsNeedTheTokenAndUsersCannotActOnOtherUsersJobs() throws Exception {
        String alice = login("alice", aliceKey);
        HttpResponse<String> noToken = post("/jobs/bob-1/cancel", alice, "");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF token");

        HttpResponse<String> notHers = post("/jobs/bob-1/cancel", alice, "csrf=" + csrf(alice));
        assertThat(notHers.statusCode()).isEqualTo(403);
        assertThat(notHers.body()).contains("job bob-1 was submitted by bob, not by you");
        assertThat(post("/jobs/bob-1/retry", alice, "csrf=" + csrf(alice)).statusCode())
                .isEqualTo(403);
        assertThat(taskStatus("bob-1")).isEqualTo("needs_build");
        assertThat(get(web.farm().webUrl() + "/jobs/bob-1", alice).body()).doesNotContain("/jobs/bob-1/cancel");

        String carol = login("carol", carolKey);
        assertThat(get(web.farm().webUrl() + "/jobs/bob-1", carol).body()).contains("/jobs/bob-1/cancel");
        assertThat(post("/jobs/bob-1/cancel", carol, "csrf=" + csrf(alice)).statusCode())
                .as("alice's token in carol's session")
                .isEqualTo(403);
        HttpResponse<String> cancelled = post("/jobs/bob-1/cancel", carol, "csrf=" + csrf(carol));
        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(cancelled.headers().firstValue("Location")).contains("/jobs/bob-1");
        assertThat(taskStatus("bob-1")).isEqualTo("cancelled");

        HttpResponse<String> retried = post("/jobs/bob-1/tasks/el9-" + arch + "/retry", carol, "csrf=" + csrf(carol));
        assertThat(retried.statusCode()).isEqualTo(303);
        assertThat(taskStatus("bob-1")).isEqualTo("needs_build");
        HttpResponse<String> nothingToRetry = post("/jobs/bob-1/retry", carol, "csrf=" + csrf(carol));
        assertThat(nothingToRetry.statusCode()).isEqualTo(409);
        assertThat(nothingToRetry.body()).contains("has no failed or cancelled target");
    }

    @Test
    void theProxyHeaderCountsOnlyFromATrustedAddress() throws Exception {
        String trusted = raw(PROXY, "alice");
        assertThat(trusted).startsWith("HTTP/1.1 200").contains("<span class=\"user\">alice</span>");
        assertThat(trusted).containsIgnoringCase("Set-Cookie: pkgforge_session=");

        assertThat(raw("127.0.0.1", "alice")).startsWith("HTTP/1.1 401").doesNotContain("class=\"user\"");
        assertThat(raw(PROXY, "mallory")).startsWith("HTTP/1.1 401");
    }

    /** GET /jobs?mine from {@code source} with the proxy header; the whole response. */
    private static String raw(String source, String user) throws IOException {
        URI base = URI.create(web.farm().webUrl());
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(20_000);
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.getOutputStream()
                    .write(("GET /jobs?mine HTTP/1.1\r\nHost: farm\r\nX-Remote-User: " + user
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private static String login(String user, Path key) throws Exception {
        return sessionCookie(get(web.webLogin(user, key), null));
    }

    private static String sessionCookie(HttpResponse<String> response) {
        Matcher m = Pattern.compile("pkgforge_session=([^;]+)")
                .matcher(response.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String csrf(String session) throws Exception {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(get(web.farm().webUrl() + "/submit", session).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(String url, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (session != null) {
            request.header("Cookie", "pkgforge_session=" + session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String session, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(web.farm().webUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Cookie", "pkgforge_session=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String taskStatus(String job) {
        return pg.controllerJdbi().withHandle(h -> h.createQuery(
                        "SELECT t.status FROM task t JOIN job j ON j.id = t.job_id WHERE j.uuid = :job")
                .bind("job", job)
                .mapTo(String.class)
                .one());
    }

    private static long count(String fromWhere) {
        return pg.controllerJdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + fromWhere)
                .mapTo(Long.class)
                .one());
    }
}
