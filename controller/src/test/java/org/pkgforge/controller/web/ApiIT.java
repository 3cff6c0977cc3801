package org.pkgforge.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.WebSettings;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.WebFarmFixture;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * The REST API against a real farm (its job service, registry and web login): jobs submitted over
 * SFTP by two users, read back as JSON, cancelled and retried by their owner, refused to others
 * and to requests without the CSRF header; every response has the properties the OpenAPI document
 * says are required.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ApiIT {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebFarmFixture web;
    private static JsonNode openApi;
    private static Api alice;
    private static Api bob;
    private static Api carol;
    private static Api anonymous;
    private static String target;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = ApiIT.class.getClassLoader().getResourceAsStream("api/openapi.json")) {
            openApi = JSON.readTree(in);
        }
        String arch = FarmFixture.rpmArch();
        target = "el9-" + arch;
        // Active, but no agent offers it: the jobs stay queued, so cancel and retry have work.
        FarmFixture.activeAutoPlatform(pg, "el9", arch);
        web = WebFarmFixture.start(dir.resolve("farm"), pg, WebSettings.defaults());
        Path aliceKey = web.addUser("alice", false);
        Path bobKey = web.addUser("bob", false);
        Path carolKey = web.addUser("carol", true);
        Path srpm = SamplePackages.helloSrpm();
        web.submit("alice", aliceKey, "api-1", srpm);
        web.submit("alice", aliceKey, "api-2", srpm);
        web.submit("bob", bobKey, "api-3", srpm);
        alice = Api.loggedIn(web.webLogin("alice", aliceKey));
        bob = Api.loggedIn(web.webLogin("bob", bobKey));
        carol = Api.loggedIn(web.webLogin("carol", carolKey));
        anonymous = new Api(web.farm().webUrl(), HttpClient.newHttpClient(), null);
        for (String id : List.of("api-1", "api-2", "api-3")) {
            org.awaitility.Awaitility.await(id + " registered")
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> anonymous
                                    .get("/api/v1/jobs/" + id, 200, null)
                                    .get("status")
                                    .asText(),
                            "registered"::equals);
        }
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void theJobListFiltersAndPagesLikeThePage() throws Exception {
        JsonNode all = anonymous.get("/api/v1/jobs", 200, "JobPage");
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(ids(all)).containsExactly("api-3", "api-2", "api-1");
        assertThat(all.get("next").isNull()).isTrue();
        conforms(all.get("jobs").get(0), "JobSummary");

        JsonNode mine = bob.get("/api/v1/jobs?mine", 200, "JobPage");
        assertThat(ids(mine)).containsExactly("api-3");
        JsonNode bySubmitter = anonymous.get("/api/v1/jobs?submitter=alice&per_page=1", 200, "JobPage");
        assertThat(ids(bySubmitter)).containsExactly("api-2");
        assertThat(bySubmitter.get("total").asLong()).isEqualTo(2);
        String next = bySubmitter.get("next").asText();
        assertThat(next).contains("submitter=alice").contains("page=2").contains("per_page=1");
        assertThat(ids(anonymous.get(next, 200, "JobPage"))).containsExactly("api-1");
        assertThat(ids(anonymous.get("/api/v1/jobs?platform=el9&package=hello", 200, "JobPage")))
                .hasSize(3);
        assertThat(anonymous
                        .get("/api/v1/jobs?package=nothing-like-it", 200, "JobPage")
                        .get("total")
                        .asLong())
                .isZero();

        assertThat(anonymous
                        .get("/api/v1/jobs?from=yesterday", 400, "Error")
                        .get("error")
                        .asText())
                .contains("from");
        assertThat(anonymous
                        .get("/api/v1/jobs?per_page=1000", 400, "Error")
                        .get("error")
                        .asText())
                .contains("per_page");
        assertThat(anonymous
                        .get("/api/v1/jobs?mine", 401, "Error")
                        .get("status")
                        .asInt())
                .isEqualTo(401);
    }

    @Test
    void aJobAndItsTaskReadAsTheyAreRegistered() throws Exception {
        JsonNode job = anonymous.get("/api/v1/jobs/api-1", 200, "Job");
        assertThat(job.get("submitter").asText()).isEqualTo("alice");
        assertThat(job.at("/packages/0/name").asText()).isEqualTo("hello");
        conforms(job.at("/packages/0"), "Package");
        JsonNode t = job.at("/targets/0");
        conforms(t, "Target");
        assertThat(t.get("target").asText()).isEqualTo(target);
        assertThat(t.get("waiting").asText()).as("why it waits").contains("el9");

        JsonNode task = anonymous.get(t.get("url").asText(), 200, "Task");
        conforms(task.get("log"), "Log");
        assertThat(task.get("job").asText()).isEqualTo("api-1");
        assertThat(task.at("/log/events").asText()).endsWith("/jobs/api-1/tasks/" + target + "/log/events");

        assertThat(anonymous
                        .get("/api/v1/jobs/no-such-job", 404, "Error")
                        .get("error")
                        .asText())
                .contains("no-such-job");
        anonymous.get("/api/v1/jobs/api-1/tasks/el7-x86_64", 404, "Error");
    }

    @Test
    void ownersCancelAndRetryOthersAndForgedRequestsAreRefused() throws Exception {
        String cancel = "/api/v1/jobs/api-2/cancel";
        assertThat(anonymous.post(cancel, null, 401).get("error").asText()).contains("log in");
        assertThat(alice.post(cancel, null, 403).get("error").asText()).contains("CSRF");
        assertThat(alice.post(cancel, "not-the-token", 403).get("error").asText())
                .contains("CSRF");
        assertThat(bob.post(cancel, bob.csrf(), 403).get("error").asText()).contains("submitted by alice");
        assertThat(anonymous
                        .get("/api/v1/jobs/api-2", 200, "Job")
                        .at("/targets/0/status")
                        .asText())
                .as("nothing changed yet")
                .isEqualTo("needs_build");

        JsonNode cancelled = alice.post(cancel, alice.csrf(), 200);
        conforms(cancelled, "Changed");
        assertThat(cancelled.get("targets").asInt()).isEqualTo(1);
        assertThat(anonymous.get("/api/v1/jobs/api-2", 200, "Job").get("status").asText())
                .isEqualTo("cancelled");
        alice.post(cancel, alice.csrf(), 409);

        JsonNode retried = alice.post("/api/v1/jobs/api-2/tasks/" + target + "/retry", alice.csrf(), 200);
        assertThat(retried.get("targets").asInt()).isEqualTo(1);
        assertThat(anonymous
                        .get("/api/v1/jobs/api-2", 200, "Job")
                        .at("/targets/0/status")
                        .asText())
                .isEqualTo("needs_build");
        alice.post("/api/v1/jobs/api-2/retry", alice.csrf(), 409);

        // An admin may act on anyone's job.
        assertThat(carol.post("/api/v1/jobs/api-3/cancel", carol.csrf(), 200)
                        .get("targets")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void sessionsPlatformsAndHostsForWhoMaySeeThem() throws Exception {
        JsonNode me = alice.get("/api/v1/session", 200, "Session");
        assertThat(alice.http()
                        .send(
                                HttpRequest.newBuilder(URI.create(alice.base() + "/api/v1/session"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .headers()
                        .firstValue("Cache-Control"))
                .as("the token is not cached")
                .hasValue("no-store");
        assertThat(me.get("user").asText()).isEqualTo("alice");
        assertThat(me.get("admin").asBoolean()).isFalse();
        assertThat(anonymous.get("/api/v1/session", 200, "Session").get("user").isNull())
                .isTrue();

        JsonNode platforms = anonymous.get("/api/v1/platforms", 200, null);
        assertThat(platforms.isArray()).isTrue();
        conforms(platforms.get(0), "Platform");
        assertThat(platforms.get(0).get("name").asText()).isEqualTo("el9");

        anonymous.get("/api/v1/hosts", 401, "Error");
        alice.get("/api/v1/hosts", 403, "Error");
        assertThat(carol.get("/api/v1/hosts", 200, null).isArray()).isTrue();

        JsonNode document = anonymous.get("/api/v1/openapi.json", 200, null);
        assertThat(document.get("openapi").asText()).startsWith("3.");
    }

    private static List<String> ids(JsonNode page) {
        return page.get("jobs").findValuesAsText("id");
    }

    /** The node has every property the OpenAPI schema requires, and none it does not describe. */
    private static void conforms(JsonNode node, String schema) {
        JsonNode s = openApi.at("/components/schemas/" + schema);
        assertThat(s.isMissingNode()).as(schema).isFalse();
        Set<String> required = new HashSet<>();
        s.get("required").forEach(r -> required.add(r.asText()));
        Set<String> present = new HashSet<>();
        node.fieldNames().forEachRemaining(present::add);
        Set<String> described = new HashSet<>();
        s.get("properties").fieldNames().forEachRemaining(described::add);
        assertThat(present).as("%s: required properties", schema).containsAll(required);
        assertThat(described).as("%s: no undocumented properties", schema).containsAll(present);
    }

    /** A JSON client of the farm's API, with the session cookie a one-time login URL set. */
    private record Api(String base, HttpClient http, String csrfToken) {
        static Api loggedIn(String loginUrl) throws Exception {
            HttpClient http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(URI.create(loginUrl)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            String base = loginUrl.substring(0, loginUrl.indexOf("/login/"));
            Api session = new Api(base, http, null);
            String token = session.get("/api/v1/session", 200, "Session")
                    .get("csrfToken")
                    .asText();
            return new Api(base, http, token);
        }

        String csrf() {
            return csrfToken;
        }

        JsonNode get(String path, int status, String schema) throws Exception {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            return checked(r, status, schema);
        }

        JsonNode post(String path, String csrf, int status) throws Exception {
            HttpRequest.Builder req =
                    HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
            if (csrf != null) {
                req.header("X-CSRF-Token", csrf);
            }
            return checked(
                    http.send(req.build(), HttpResponse.BodyHandlers.ofString()),
                    status,
                    status == 200 ? null : "Error");
        }

        private static JsonNode checked(HttpResponse<String> r, int status, String schema) throws Exception {
            assertThat(r.statusCode())
                    .as("%s %s: %s", r.request().method(), r.uri(), r.body())
                    .isEqualTo(status);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            JsonNode body = JSON.readTree(r.body());
            if (schema != null) {
                conforms(body, schema);
            }
            return body;
        }
    }
}
