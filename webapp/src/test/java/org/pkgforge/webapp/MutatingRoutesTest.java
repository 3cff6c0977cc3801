package org.pkgforge.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.webapp.actions.JobActions;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.Submissions;
import org.pkgforge.webapp.actions.WebActions;
import org.pkgforge.webapp.actions.WebUser;
import org.pkgforge.webapp.testing.RecordingAdmin;
import org.pkgforge.webapp.testing.StubLogins;

/**
 * Every route that is not a GET, taken from the server's own route table (so a new one cannot be
 * missed), refuses anonymous requests and requests without the session's CSRF token, and none of
 * them reaches the farm's services. The services are stand-ins that record every call.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MutatingRoutesTest {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    @TempDir
    static Path tmp;

    private static final String ALICE_SESSION = "session-of-alice-0123456789";
    private static final String BOB_SESSION = "session-of-bob-0123456789";
    private static final String CAROL_SESSION = "session-of-carol-0123456789";
    private static final Map<String, WebUser> SESSIONS = Map.of(
            ALICE_SESSION,
            new WebUser("alice", false),
            BOB_SESSION,
            new WebUser("bob", false),
            CAROL_SESSION,
            new WebUser("carol", true));
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private static volatile long received;
    private static WebServer server;

    @BeforeAll
    static void start() {
        pg.execute("INSERT INTO platform (name, arch, active) VALUES ('el9', 'x86_64', true)");
        pg.execute("INSERT INTO job (uuid, bucket, submitter, status) VALUES ('job-1', 'main', 'alice', 'registered')");
        pg.execute("INSERT INTO task (job_id, platform_id, status) SELECT j.id, p.id, 'needs_build'"
                + " FROM job j, platform p WHERE j.uuid = 'job-1'");
        server = new WebServer(
                new WebConfig("127.0.0.1", 0, tmp.resolve("results"), tmp.resolve("repos")),
                WebRole.jdbi(pg),
                new WebActions(
                                new StubLogins(SESSIONS, Map.of("t".repeat(43), ALICE_SESSION), calls),
                                new Jobs(),
                                new Uploads())
                        .withAdmin(new RecordingAdmin(calls).actions()));
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void forgetCalls() {
        calls.clear();
        received = 0;
    }

    @Test
    void theRouteTableListsTheMutatingRoutes() {
        assertThat(mutatingRoutes())
                .extracting(Routes.Route::template)
                .contains(
                        "/submit",
                        "/logout",
                        "/jobs/{id}/cancel",
                        "/jobs/{id}/retry",
                        "/jobs/{id}/tasks/{target}/retry",
                        "/admin/hosts",
                        "/admin/hosts/confirm",
                        "/admin/hosts/{host}/disable",
                        "/admin/hosts/{host}/set",
                        "/admin/platforms/activate",
                        "/admin/users/{user}/keys/revoke",
                        "/admin/users/{user}/admin",
                        "/admin/users/{user}/unadmin");
    }

    @Test
    void everyAdminRouteRefusesAnonymousAndNonAdminUsersReadsIncluded() throws Exception {
        List<Routes.Route> admin = server.routes().stream()
                .filter(r -> r.template().equals("/admin") || r.template().startsWith("/admin/"))
                .toList();
        assertThat(admin).extracting(Routes.Route::method).contains("GET", "POST");
        assertThat(admin)
                .extracting(Routes.Route::template)
                .contains("/admin/hosts", "/admin/platforms", "/admin/users", "/admin/queue");
        String alices = csrfOf(ALICE_SESSION);
        for (Routes.Route route : admin) {
            // A valid token, so what refuses alice is the admin check, not the CSRF check.
            HttpResponse<String> anonymous = send(route, null, "csrf=" + alices, FORM);
            assertThat(anonymous.statusCode()).as(route + " anonymous").isEqualTo(401);
            HttpResponse<String> notAdmin = send(route, ALICE_SESSION, "csrf=" + alices + "&name=x", FORM);
            assertThat(notAdmin.statusCode()).as(route + " alice").isEqualTo(403);
            assertThat(notAdmin.body()).as(route.toString()).contains("admins only: alice is not a farm admin");
        }
        assertThat(calls).isEmpty();
        for (Routes.Route route : admin) {
            if (route.method().equals("GET")) {
                assertThat(send(route, CAROL_SESSION, "", FORM).statusCode())
                        .as(route + " carol")
                        .isIn(200, 303);
            }
        }
    }

    @Test
    void anAdminWithTheTokenReachesTheAdminActions() throws Exception {
        String csrf = csrfOf(CAROL_SESSION);
        HttpResponse<String> response =
                send(new Routes.Route("POST", "/admin/hosts/{host}/disable"), CAROL_SESSION, "csrf=" + csrf, FORM);
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("/admin/hosts");
        assertThat(calls).containsExactly("admin setHostEnabled carol b1 false");
    }

    @Test
    void everyMutatingRouteRefusesAnonymousRequests() throws Exception {
        String csrf = csrfOf(ALICE_SESSION);
        for (Routes.Route route : mutatingRoutes()) {
            HttpResponse<String> response = send(route, null, "csrf=" + csrf, FORM);
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(401);
            assertThat(response.body()).as(route.toString()).contains("log in first");
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void everyMutatingRouteRefusesAMissingOrWrongCsrfToken() throws Exception {
        String bobs = csrfOf(BOB_SESSION);
        for (Routes.Route route : mutatingRoutes()) {
            for (String body : List.of("", "target=el9-x86_64", "csrf=", "csrf=" + bobs)) {
                HttpResponse<String> response = send(route, ALICE_SESSION, body, FORM);
                assertThat(response.statusCode()).as(route + " " + body).isEqualTo(403);
                assertThat(response.body()).as(route.toString()).contains("CSRF token");
            }
            HttpResponse<String> multipart = send(route, ALICE_SESSION, multipartWithoutToken(), MULTIPART);
            assertThat(multipart.statusCode()).as(route + " multipart").isEqualTo(403);
            HttpResponse<String> json = send(route, ALICE_SESSION, "{\"csrf\":\"x\"}", "application/json");
            assertThat(json.statusCode()).as(route + " json").isEqualTo(403);
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void otherMethodsOnReadOnlyUrlsAreRefusedToAnonymousToo() throws Exception {
        for (String path : List.of("/jobs", "/jobs/job-1", "/repos/", "/static/css/farm.css", "/nowhere")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .method("DELETE", HttpRequest.BodyPublishers.noBody())
                    .build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(path)
                    .isEqualTo(401);
        }
    }

    @Test
    void theOwnerWithTheTokenGetsThrough() throws Exception {
        String csrf = csrfOf(ALICE_SESSION);
        HttpResponse<String> response =
                send(new Routes.Route("POST", "/jobs/{id}/cancel"), ALICE_SESSION, "csrf=" + csrf, FORM);
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("/jobs/job-1");
        assertThat(calls).containsExactly("cancel alice job-1");
    }

    @Test
    void anUploadLargerThanOrdinaryFormsStreamsThroughWithTheTokenFirst() throws Exception {
        String csrf = csrfOf(ALICE_SESSION);
        String file = "x".repeat(300 * 1024); // past the 64 KiB every other request may send
        String body = part("csrf", null, csrf) + part("bucket", null, "devel") + part("files", "a.src.rpm", file) + "--"
                + BOUNDARY + "--\r\n";
        HttpResponse<String> response = send(new Routes.Route("POST", "/submit"), ALICE_SESSION, body, MULTIPART);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not in this test", "value=\"devel\"");
        assertThat(calls).startsWith("begin alice", "file a.src.rpm").endsWith("commit");
        assertThat(received).isEqualTo(file.length());
    }

    @Test
    void buttonsAreShownToTheOwnerOnly() throws Exception {
        String alice = page("/jobs/job-1", ALICE_SESSION);
        assertThat(alice).contains("action=\"/jobs/job-1/cancel\"", "name=\"csrf\" value=\"" + csrfOf(ALICE_SESSION));
        assertThat(page("/jobs/job-1", BOB_SESSION)).doesNotContain("/jobs/job-1/cancel");
        assertThat(page("/jobs/job-1", null)).doesNotContain("/jobs/job-1/cancel", "name=\"csrf\"");
    }

    @Test
    void loginCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login/" + "t".repeat(43)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/jobs?mine");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("pkgforge_session=" + ALICE_SESSION)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("Secure");
        HttpResponse<String> unknown = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login/" + "u".repeat(43)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(get("/jobs?mine", null).statusCode()).isEqualTo(401);
        assertThat(get("/submit", null).statusCode()).isEqualTo(401);
    }

    private static List<Routes.Route> mutatingRoutes() {
        return server.routes().stream().filter(r -> !r.method().equals("GET")).toList();
    }

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BOUNDARY = "----pkgforge-test-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    private static String part(String name, String fileName, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n\r\n" + value + "\r\n";
    }

    private static String multipartWithoutToken() {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"bucket\"\r\n\r\ndevel\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.src.rpm\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nxyz\r\n--" + BOUNDARY + "--\r\n";
    }

    /** Fills a route template's parameters with names that exist. */
    private static String path(Routes.Route route) {
        return route.template()
                .replace("{id}", "job-1")
                .replace("{target}", "el9-x86_64")
                .replace("{token}", "t".repeat(43))
                .replace("{name}", "build.log")
                .replace("{host}", "b1")
                .replace("{user}", "bob")
                .replace("/*", "/x");
    }

    private static HttpResponse<String> send(Routes.Route route, String session, String body, String type)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path(route)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", type)
                .method(route.method(), HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Cookie", "pkgforge_session=" + session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String session) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(20));
        if (session != null) {
            request.header("Cookie", "pkgforge_session=" + session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String page(String path, String session) throws Exception {
        HttpResponse<String> response = get(path, session);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** The session's token, read where a browser finds it: the upload form's hidden field. */
    private static String csrfOf(String session) throws Exception {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page("/submit", session));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static final class Jobs implements JobActions {
        @Override
        public int cancel(WebUser user, String jobId) {
            calls.add("cancel " + user.name() + " " + jobId);
            return 1;
        }

        @Override
        public int retry(WebUser user, String jobId, Optional<String> target) {
            calls.add("retry " + user.name() + " " + jobId + " " + target);
            return 1;
        }
    }

    private static final class Uploads implements Submissions {
        @Override
        public Draft begin(WebUser user) {
            calls.add("begin " + user.name());
            return new Draft() {
                @Override
                public void beginFile(String name) {
                    calls.add("file " + name);
                }

                @Override
                public void write(ByteBuffer data) {
                    received += data.remaining();
                    data.position(data.limit());
                }

                @Override
                public String commit(JobOptions options) throws Refused {
                    calls.add("commit");
                    throw new Refused(Refused.Kind.INVALID, "not in this test");
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public long maxRequestBytes() {
            return 1024 * 1024;
        }
    }
}
