package org.pkgforge.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.sql.DatabaseCredentials;
import org.pkgforge.sql.Registry;
import org.pkgforge.sql.testing.PostgresExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The real server on loopback, against a real registry read through the web role. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebServerTest {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    @TempDir
    static Path tmp;

    private static final String LOG = "building hello\n<script>alert(1)</script>\nüñí\n";
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        seedRegistry();
        seedFiles();
        server = new WebServer(
                new WebConfig("127.0.0.1", 0, tmp.resolve("results"), tmp.resolve("repos")), WebRole.jdbi(pg));
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void rootRedirectsToTheJobList() throws Exception {
        HttpResponse<String> response = get("/");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("/jobs");
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void jobListIsNewestFirstFiftyPerPage() throws Exception {
        String first = ok(get("/jobs"));
        assertThat(first).contains("page 1 of 2 (63 jobs)").contains("href=\"/jobs?page=2\"");
        assertThat(count(first, "<tr>")).isEqualTo(51); // header + 50 jobs
        assertThat(first.indexOf(">bulk-59<")).isPositive().isLessThan(first.indexOf(">bulk-58<"));
        assertThat(first).contains(">bulk-10<").doesNotContain(">bulk-09<");

        String second = ok(get("/jobs?page=2"));
        assertThat(second).contains(">bulk-09<").contains(">bulk-00<").doesNotContain(">bulk-10<");
        assertThat(second.indexOf(">bulk-00<")).isLessThan(second.indexOf(">job-full<"));
        assertThat(second).contains("1/3 success").contains("href=\"/jobs\"");

        assertThat(get("/jobs?page=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void jobListFiltersByStateSubmitterAndBucketAcrossPages() throws Exception {
        String bob = ok(get("/jobs?submitter=bob"));
        assertThat(bob).contains("page 1 of 2 (60 jobs)", "href=\"/jobs?submitter=bob&amp;page=2\"", "value=\"bob\"");
        assertThat(bob).doesNotContain(">job-full<", ">rejected-1<");
        String bob2 = ok(get("/jobs?submitter=bob&page=2"));
        assertThat(bob2).contains(">bulk-00<", "href=\"/jobs?submitter=bob\"").doesNotContain(">job-full<");

        String invalid = ok(get("/jobs?state=invalid"));
        assertThat(invalid).contains(">rejected-1<", "(1 jobs)", "<option value=\"invalid\" selected>");
        assertThat(invalid).doesNotContain(">bulk-00<", ">job-full<");
        assertThat(ok(get("/jobs?state=partial_fail&bucket=main"))).contains(">job-full<", "(1 jobs)");
        assertThat(ok(get("/jobs?bucket=other"))).contains("No matching jobs", "(0 jobs)");
        assertThat(ok(get("/jobs?submitter=&bucket=&state="))).contains("(63 jobs)");

        HttpResponse<String> bogus = get("/jobs?state=%3Cscript%3E");
        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(bogus.body()).contains("unknown job state &lt;script&gt;").doesNotContain("<script>");
        assertThat(get("/jobs?submitter=" + "x".repeat(101)).statusCode()).isEqualTo(400);
    }

    @Test
    void jobPageShowsPackagesTasksAndSkippedTargets() throws Exception {
        String page = ok(get("/jobs/job-full"));
        assertThat(page)
                .contains("hello-1.0-1.src.rpm", "hello-1.0-1<", "a".repeat(64), "alice", "el9, !f40")
                .contains("el9-x86_64", "f40-x86_64", "el8-x86_64")
                .contains("compile error in hello.c")
                .contains("href=\"/jobs/job-full/tasks/el9-x86_64/log\"")
                .contains("href=\"/jobs/job-full/tasks/el9-x86_64/files/hello-1.0-1.el9.x86_64.rpm\"")
                .contains("agent-1")
                .contains("el9-aarch64", "ExclusiveArch: x86_64")
                .contains("<td>yes</td>")
                .doesNotContain("Rejected:");
    }

    @Test
    void rejectedJobShowsItsReasonInert() throws Exception {
        String page = ok(get("/jobs/rejected-1"));
        assertThat(page)
                .contains("Rejected:")
                .contains("bad build.yml &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void unknownJobIsA404NamingItEscaped() throws Exception {
        HttpResponse<String> missing = get("/jobs/no-such-job");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no job no-such-job");

        HttpResponse<String> xss = get("/jobs/%3Cscript%3Ealert(1)%3C%5Cscript%3E");
        assertThat(xss.statusCode()).isEqualTo(404);
        assertThat(xss.body()).contains("no job &lt;script&gt;alert(1)").doesNotContain("<script>");
        assertThat(xss.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void logAndProductsAreServedFromTheResultsDirectory() throws Exception {
        HttpResponse<String> log = get("/jobs/job-full/tasks/el9-x86_64/log");
        assertThat(ok(log)).isEqualTo(LOG);
        assertThat(log.headers().firstValue("Content-Type")).contains("text/plain; charset=UTF-8");

        HttpResponse<String> rpm = get("/jobs/job-full/tasks/el9-x86_64/files/hello-1.0-1.el9.x86_64.rpm");
        assertThat(ok(rpm)).isEqualTo("not really an rpm");
        assertThat(rpm.headers().firstValue("Content-Type")).contains("application/x-rpm");

        assertThat(get("/jobs/job-full/tasks/f40-x86_64/log").statusCode()).isEqualTo(404);
    }

    @Test
    void taskPageShowsAttemptsProductsAndTheLiveLogView() throws Exception {
        assertThat(ok(get("/jobs/job-full"))).contains("href=\"/jobs/job-full/tasks/f40-x86_64\"");
        String page = ok(get("/jobs/job-full/tasks/f40-x86_64"));
        assertThat(page)
                .contains("compile error in hello.c", "agent-1", "hello-1.0-1")
                .contains("data-events=\"/jobs/job-full/tasks/f40-x86_64/log/events\"")
                .contains("data-from=\"0\"", "data-state=\"finished\"")
                .contains("<script src=\"/static/js/log-tail.js\" defer></script>");
        assertThat(ok(get("/jobs/job-full/tasks/el9-x86_64"))).contains("hello-1.0-1.el9.x86_64.rpm");
        assertThat(ok(get("/jobs/job-full/tasks/el8-x86_64"))).contains("data-state=\"live\"");
        assertThat(get("/jobs/job-full/tasks/el7-x86_64").statusCode()).isEqualTo(404);
        assertThat(get("/jobs/job-full/tasks/%3Cb%3E-x").statusCode()).isEqualTo(404);
        assertThat(ok(get("/static/js/log-tail.js"))).contains("textContent");
    }

    @Test
    void finishedLogStreamsAsEventsThenEnds() throws Exception {
        HttpResponse<String> events = get("/jobs/job-full/tasks/el9-x86_64/log/events");
        assertThat(events.headers().firstValue("Content-Type")).contains("text/event-stream; charset=UTF-8");
        long size = LOG.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(ok(events))
                .isEqualTo("retry: 1000\n\n"
                        + "id: " + size
                        + "\ndata: building hello\ndata: <script>alert(1)</script>\ndata: üñí\ndata: \n\n"
                        + "event: end\nid: " + size + "\ndata: finished\n\n");
        HttpResponse<String> resumed = send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/jobs/job-full/tasks/el9-x86_64/log/events?from=0"))
                .header("Last-Event-ID", Long.toString(size))
                .timeout(Duration.ofSeconds(10))
                .build());
        assertThat(ok(resumed)).doesNotContain("data: building").contains("event: end\nid: " + size);
        assertThat(get("/jobs/job-full/tasks/el9-x86_64/log/events?from=-1").statusCode())
                .isEqualTo(400);
        assertThat(get("/jobs/job-full/tasks/el7-x86_64/log/events").statusCode())
                .isEqualTo(404);
    }

    @Test
    void liveLogSendsOnlyWholeCleanLinesFromTheOffset() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/jobs/job-full/tasks/el8-x86_64/log/events?from=4"))
                .timeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("retry: 1000");
            assertThat(in.readLine()).isEmpty();
            // "two" lost its colour codes and CR; "part" has no newline yet, so it is not sent.
            assertThat(List.of(in.readLine(), in.readLine(), in.readLine(), in.readLine()))
                    .containsExactly("id: 18", "data: two", "data: ", "");
        }
    }

    @Test
    void logsAnswerByteRanges() throws Exception {
        String path = "/jobs/job-full/tasks/el9-x86_64/log";
        HttpResponse<String> middle = send(range(path, "bytes=9-13"));
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo("hello");
        assertThat(middle.headers().firstValue("Content-Range"))
                .contains("bytes 9-13/" + LOG.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(send(range(path, "bytes=-3")).body()).isEqualTo("í\n");
        assertThat(send(range(path, "bytes=1000-")).statusCode()).isEqualTo(416);
        assertThat(send(range(path, "bytes=0-1,4-5")).statusCode()).isEqualTo(200);
        assertThat(get(path).headers().firstValue("Accept-Ranges")).contains("bytes");
    }

    @Test
    void pathTraversalAndSymlinksAreNotFound() throws Exception {
        String task = "/jobs/job-full/tasks/el9-x86_64";
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : new String[] {
            task + "/files/..%2F..%2F..%2Fsecret.txt",
            task + "/files/%2E%2E",
            task + "/files/build.log%00.rpm",
            task + "/files/passwd-link", // symlink to a file outside the results
            "/jobs/%2E%2E/tasks/x-y/files/secret.txt", // job id ".." matches the id pattern
            "/jobs/..%2F..%2Fx-y/tasks/el9-x86_64/log",
            "/jobs/job-link/tasks/el9-x86_64/log", // symlinked job directory
            "/jobs/job-full/tasks/%2E%2E/files/secret.txt",
            "/repos/%2E%2E/secret.txt",
            "/repos/..%2Fsecret.txt",
            "/repos/el9/escape.txt"
        }) {
            HttpResponse<String> response = get(path);
            answers.put(path, response.statusCode() + (response.body().contains("secret") ? " leaked" : ""));
        }
        // All at once, so a regression shows every route it opens, not just the first.
        assertThat(answers)
                .allSatisfy((path, answer) -> assertThat(answer).as(path).isEqualTo("404"));
    }

    @Test
    void repositoryTreeIsServedAndListed() throws Exception {
        HttpResponse<String> repomd = get("/repos/el9/repodata/repomd.xml");
        assertThat(ok(repomd)).isEqualTo("<repomd/>");

        HttpResponse<String> noSlash = get("/repos/el9");
        assertThat(noSlash.statusCode()).isEqualTo(303);
        assertThat(noSlash.headers().firstValue("Location")).contains("/repos/el9/");

        String listing = ok(get("/repos/el9/"));
        assertThat(listing).contains("href=\"repodata/\"").contains("href=\"../\"");
        assertThat(listing).doesNotContain("escape.txt").doesNotContain(".repodata");
        assertThat(ok(get("/repos/"))).contains("href=\"el9/\"");
    }

    @Test
    void staticCssAndHealth() throws Exception {
        HttpResponse<String> css = get("/static/css/farm.css");
        assertThat(ok(css)).contains("body");
        HttpResponse<String> health = get("/health");
        assertThat(ok(health)).isEqualTo("ok");
    }

    @Test
    void healthIsUnavailableWithoutADatabase() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
        try (WebServer down = new WebServer(new WebConfig("127.0.0.1", 0, tmp, tmp), Registry.jdbi(nowhere))) {
            down.start();
            HttpResponse<String> response = send(URI.create(down.baseUrl() + "/health"));
            assertThat(response.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void theWebRoleCannotWrite() throws Exception {
        DatabaseCredentials web = pg.webCredentials();
        try (Connection c = DriverManager.getConnection(web.jdbcUrl(), web.user(), web.password());
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE job SET status = 'fail' WHERE uuid = 'job-full'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(URI.create(server.baseUrl() + path));
    }

    private static HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest range(String path, String range) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Range", range)
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
        return response.body();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static void seedRegistry() {
        pg.execute(
                "INSERT INTO platform (name, arch, active) VALUES"
                        + " ('el9', 'x86_64', true), ('el9', 'aarch64', true), ('f40', 'x86_64', true), ('el8', 'x86_64', true)");
        StringBuilder bulk =
                new StringBuilder("INSERT INTO job (uuid, bucket, submitter, status, submitted_at) VALUES ");
        for (int i = 0; i < 60; i++) {
            bulk.append(i == 0 ? "" : ", ")
                    .append(String.format(
                            "('bulk-%02d', 'main', 'bob', 'registered',"
                                    + " timestamptz '2024-01-01 00:00Z' + interval '%d minutes')",
                            i, i));
        }
        pg.execute(bulk.toString());
        pg.execute("INSERT INTO job (uuid, bucket, submitter, status, reason, submitted_at) VALUES"
                + " ('rejected-1', 'main', 'mallory', 'invalid', 'bad build.yml <script>alert(1)</script>',"
                + " '2023-06-01 00:00Z'), ('job-link', 'main', 'eve', 'incoming', NULL, '2023-05-01 00:00Z')");
        pg.execute("INSERT INTO job (uuid, bucket, submitter, status, platforms, submitted_at) VALUES"
                + " ('job-full', 'main', 'alice', 'partial_fail', '{el9,!f40}', '2023-12-31 00:00Z')");
        pg.execute("INSERT INTO package (job_id, seq, type, file, size, sha1sum, sha256sum, name, version, release)"
                + " SELECT id, 1, 'srpm', 'hello-1.0-1.src.rpm', 4096, repeat('b', 40), repeat('a', 64),"
                + " 'hello', '1.0', '1' FROM job WHERE uuid = 'job-full'");
        pg.execute("INSERT INTO task (job_id, platform_id, status, attempts, reason, published)"
                + " SELECT j.id, p.id, v.status, v.attempts, v.reason, v.published"
                + " FROM job j, platform p, (VALUES ('el9', 'success', 1, NULL, true),"
                + " ('f40', 'fail', 2, 'compile error in hello.c', false), ('el8', 'needs_build', 0, NULL, false))"
                + " AS v(platform, status, attempts, reason, published)"
                + " WHERE j.uuid = 'job-full' AND p.name = v.platform AND p.arch = 'x86_64'");
        pg.execute("INSERT INTO attempt (task_id, number, agent_name, lease_expires, outcome, finished_at)"
                + " SELECT t.id, t.attempts, 'agent-1', now(), t.status, now() FROM task t WHERE t.attempts > 0");
        pg.execute("INSERT INTO artifact (attempt_id, file, size, sha256sum)"
                + " SELECT a.id, 'hello-1.0-1.el9.x86_64.rpm', 17, repeat('c', 64)"
                + " FROM attempt a JOIN task t ON t.id = a.task_id WHERE t.status = 'success'");
        pg.execute("INSERT INTO skipped_target (job_id, platform_id, reason)"
                + " SELECT j.id, p.id, 'ExclusiveArch: x86_64' FROM job j, platform p"
                + " WHERE j.uuid = 'job-full' AND p.name = 'el9' AND p.arch = 'aarch64'");
    }

    private static void seedFiles() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.writeString(Files.createDirectories(tmp.resolve("x-y")).resolve("secret.txt"), "secret");
        Path task = Files.createDirectories(tmp.resolve("results/job-full/el9-x86_64"));
        Files.writeString(task.resolve("build.log"), LOG);
        Files.writeString(task.resolve("hello-1.0-1.el9.x86_64.rpm"), "not really an rpm");
        Files.writeString(
                Files.createDirectories(tmp.resolve("results/job-full/el8-x86_64"))
                        .resolve("build.log"),
                "one\n\u001b[31mtwo\u001b[0m\r\npart");
        Files.createSymbolicLink(task.resolve("passwd-link"), secret);
        Files.createSymbolicLink(tmp.resolve("results/job-link"), tmp.resolve("results/job-full"));
        Path repo = Files.createDirectories(tmp.resolve("repos/el9/repodata"));
        Files.writeString(repo.resolve("repomd.xml"), "<repomd/>");
        Files.createDirectories(tmp.resolve("repos/el9/.repodata"));
        Files.createSymbolicLink(tmp.resolve("repos/el9/escape.txt"), secret);
    }
}
