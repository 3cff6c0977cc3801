package org.pkgforge.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.webapp.testing.PageClient;

/**
 * The job list's platform, package and date filters (issue 6), alone and combined, through the real
 * server against a real registry read as the web role. Six named jobs around the day boundaries of
 * 2024-03-09 … 2024-03-12 (UTC), and 10,050 "bulk" jobs in 2020 so the count reaches its cap.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobListFiltersTest {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    @TempDir
    static Path tmp;

    private static final List<String> NAMED = List.of("j-el9x", "j-el9a", "j-el8", "j-none", "j-Hello", "j-skipped");
    private static WebServer server;
    private static PageClient visitor;

    @BeforeAll
    static void start() {
        seedRegistry();
        server = new WebServer(
                new WebConfig("127.0.0.1", 0, tmp.resolve("results"), tmp.resolve("repos")), WebRole.jdbi(pg));
        server.start();
        visitor = new PageClient(server.baseUrl(), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void platformNameMatchesEveryArchAndNameWithArchOnlyThatOne() throws Exception {
        assertThat(named("/jobs?platform=el9")).containsExactly("j-el9a", "j-el9x");
        assertThat(named("/jobs?platform=el9%2Fx86_64")).containsExactly("j-el9x");
        assertThat(named("/jobs?platform=el9-aarch64")).containsExactly("j-el9a");
        assertThat(named("/jobs?platform=f40")).containsExactly("j-el8", "j-Hello");
        String none = visitor.page("/jobs?platform=el7");
        assertThat(none).contains("No matching jobs", "(0 jobs)", "value=\"el7\"");
    }

    @Test
    void packageNameMatchesExactlyAndCaseSensitively() throws Exception {
        assertThat(named("/jobs?package=hello")).containsExactly("j-el8", "j-el9x");
        assertThat(named("/jobs?package=Hello")).containsExactly("j-Hello");
        assertThat(named("/jobs?package=libfoo")).containsExactly("j-el8");
        assertThat(visitor.page("/jobs?package=hell")).contains("(0 jobs)");
    }

    @Test
    void datesAreWholeUtcDaysBothIncluded() throws Exception {
        // j-el9a at 03-11 00:00:00, j-el8 at 03-11 23:59:59.999; j-none at 03-12 00:00:00.
        assertThat(named("/jobs?from=2024-03-11&to=2024-03-11")).containsExactly("j-el8", "j-el9a");
        assertThat(named("/jobs?from=2024-03-10")).containsExactly("j-none", "j-el8", "j-el9a", "j-el9x");
        String upTo = visitor.page("/jobs?from=2021-01-01&to=2024-03-09");
        assertThat(names(upTo)).containsExactly("j-Hello", "j-skipped");
        assertThat(upTo).contains("(2 jobs)", "value=\"2021-01-01\"", "value=\"2024-03-09\"");
        // Bulk job g was submitted g minutes after 2020-01-01 00:00: 1 … 1439 are on that day.
        assertThat(visitor.page("/jobs?to=2020-01-01")).contains("(1,439 jobs)", ">bulk-01439<", ">bulk-01390<");
        assertThat(visitor.page("/jobs?from=2024-03-12")).contains("(1 jobs)", ">j-none<");
        assertThat(visitor.page("/jobs?from=0000-01-01&to=9999-12-31")).contains("(10,000+ jobs)");
    }

    @Test
    void filtersCombine() throws Exception {
        assertThat(named("/jobs?platform=el9&submitter=alice")).containsExactly("j-el9x");
        assertThat(named("/jobs?platform=el9&state=fail&bucket=main")).containsExactly("j-el9a");
        assertThat(named("/jobs?package=hello&platform=el8&from=2024-03-11")).containsExactly("j-el8");
        assertThat(named("/jobs?package=hello&state=success&to=2024-03-10")).containsExactly("j-el9x");
        assertThat(visitor.page("/jobs?platform=el9&package=libfoo")).contains("No matching jobs");
        assertThat(visitor.page("/jobs?platform=el8&bucket=devel&package=libfoo&from=2024-03-12"))
                .contains("(0 jobs)");
    }

    @Test
    void badDatesAndPlatformsAreA400NamingTheProblem() throws Exception {
        HttpResponse<String> month = visitor.get("/jobs?from=2024-13-01");
        assertThat(month.statusCode()).isEqualTo(400);
        assertThat(month.body()).contains("from must be a date as YYYY-MM-DD, e.g. 2024-01-31, not 2024-13-01");

        HttpResponse<String> script = visitor.get("/jobs?to=%3Cscript%3E");
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(script.body())
                .contains("to must be a date", "not &lt;script&gt;")
                .doesNotContain("<script>");

        HttpResponse<String> reversed = visitor.get("/jobs?from=2024-03-12&to=2024-03-11");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("from (2024-03-12) is after to (2024-03-11)");

        assertThat(visitor.get("/jobs?platform=el9%2Fx86_64%2Fx").statusCode()).isEqualTo(400);
        assertThat(visitor.get("/jobs?from=20240301").statusCode()).isEqualTo(400);
        assertThat(visitor.get("/jobs?from=&to=&platform=&package=").statusCode())
                .isEqualTo(200);
    }

    @Test
    void pagerLinksKeepEveryFilter() throws Exception {
        // Bulk jobs g with g % 6 == 0 have both the package and an el8 task: 1,675 of them.
        String filter = "platform=el8&package=bulkpkg&from=2020-01-01&to=2020-01-07";
        String first = visitor.page("/jobs?" + filter);
        String escaped = filter.replace("&", "&amp;");
        assertThat(first)
                .contains("page 1 of 34 (1,675 jobs)", "href=\"/jobs?" + escaped + "&amp;page=2\"")
                .contains("value=\"el8\"", "value=\"bulkpkg\"", "value=\"2020-01-01\"", "value=\"2020-01-07\"")
                .contains(">bulk-10050<", ">bulk-09756<")
                .doesNotContain(">bulk-09750<", ">bulk-10049<");

        String second = visitor.page("/jobs?" + filter + "&page=2");
        assertThat(second)
                .contains("page 2 of 34", ">bulk-09750<", "rel=\"prev\" href=\"/jobs?" + escaped + "\"")
                .contains("href=\"/jobs?" + escaped + "&amp;page=3\"")
                .doesNotContain(">bulk-10050<");
        assertThat(visitor.page("/jobs?" + filter + "&page=34"))
                .contains(">bulk-00006<")
                .doesNotContain("rel=\"next\"");
    }

    @Test
    void theCountStopsAtTenThousandButThePagerStillGoesOn() throws Exception {
        String first = visitor.page("/jobs");
        assertThat(first).contains("page 1 of 200+ (10,000+ jobs)", "href=\"/jobs?page=2\"");
        // Deeper than the cap: counted as far as the page's end, and there are still more.
        String deep = visitor.page("/jobs?page=201");
        assertThat(deep).contains("page 201 of 201+ (10,050+ jobs)", "href=\"/jobs?page=202\"");
        String last = visitor.page("/jobs?page=202");
        assertThat(last)
                .contains("page 202 of 202 (10,056 jobs)", ">bulk-00001<")
                .doesNotContain("rel=\"next\"");
        assertThat(visitor.page("/jobs?submitter=robot&package=bulkpkg")).contains("page 1 of 101 (5,025 jobs)");
        // Beyond the end: still counted, so "newer" leads back to the last page.
        assertThat(visitor.page("/jobs?package=hello&page=3"))
                .contains("No matching jobs", "page 3 of 1 (2 jobs)", "rel=\"prev\" href=\"/jobs?package=hello\"");
    }

    /** The named (not bulk) jobs a page lists, in page order. */
    private static List<String> named(String path) throws Exception {
        return names(visitor.page(path));
    }

    private static List<String> names(String page) {
        return NAMED.stream()
                .filter(n -> page.contains(">" + n + "<"))
                .sorted((a, b) -> Integer.compare(page.indexOf(">" + a + "<"), page.indexOf(">" + b + "<")))
                .toList();
    }

    private static void seedRegistry() {
        pg.execute("INSERT INTO platform (name, arch, active) VALUES ('el9', 'x86_64', true),"
                + " ('el9', 'aarch64', true), ('el8', 'x86_64', true), ('f40', 'x86_64', true)");
        pg.execute("INSERT INTO job (uuid, submitter, bucket, status, submitted_at) VALUES"
                + " ('j-el9x', 'alice', 'main', 'success', '2024-03-10 12:00Z'),"
                + " ('j-el9a', 'bob', 'main', 'fail', '2024-03-11 00:00Z'),"
                + " ('j-el8', 'alice', 'devel', 'registered', '2024-03-11 23:59:59.999Z'),"
                + " ('j-none', 'bob', 'main', 'invalid', '2024-03-12 00:00Z'),"
                + " ('j-Hello', 'carol', 'main', 'success', '2024-03-09 23:59:59Z'),"
                + " ('j-skipped', 'carol', 'main', 'registered', '2024-03-08 00:00Z')");
        pg.execute("INSERT INTO package (job_id, seq, type, file, size, sha1sum, sha256sum, name)"
                + " SELECT j.id, v.seq, 'srpm', v.name || '.src.rpm', 1, repeat('a', 40), repeat('b', 64), v.name"
                + " FROM job j JOIN (VALUES ('j-el9x', 1, 'hello'), ('j-el9a', 1, 'world'), ('j-el8', 1, 'hello'),"
                + " ('j-el8', 2, 'libfoo'), ('j-Hello', 1, 'Hello'), ('j-skipped', 1, 'hello-extra'))"
                + " AS v(uuid, seq, name) ON v.uuid = j.uuid");
        pg.execute("INSERT INTO task (job_id, platform_id)"
                + " SELECT j.id, p.id FROM job j JOIN (VALUES ('j-el9x', 'el9', 'x86_64'),"
                + " ('j-el9a', 'el9', 'aarch64'), ('j-el8', 'el8', 'x86_64'), ('j-el8', 'f40', 'x86_64'),"
                + " ('j-Hello', 'f40', 'x86_64')) AS v(uuid, name, arch) ON v.uuid = j.uuid"
                + " JOIN platform p ON p.name = v.name AND p.arch = v.arch");
        // A target the rules chose but the packages excluded is no task: no match for el9.
        pg.execute("INSERT INTO skipped_target (job_id, platform_id, reason)"
                + " SELECT j.id, p.id, 'ExclusiveArch: ppc64le' FROM job j, platform p"
                + " WHERE j.uuid = 'j-skipped' AND p.name = 'el9'");
        pg.execute("INSERT INTO job (uuid, submitter, bucket, status, submitted_at)"
                + " SELECT 'bulk-' || lpad(g::text, 5, '0'), 'robot', 'bulk', 'registered',"
                + " timestamptz '2020-01-01 00:00Z' + g * interval '1 minute' FROM generate_series(1, 10050) g");
        pg.execute("INSERT INTO package (job_id, seq, type, file, size, sha1sum, sha256sum, name)"
                + " SELECT id, 1, 'srpm', 'bulkpkg.src.rpm', 1, repeat('a', 40), repeat('b', 64), 'bulkpkg'"
                + " FROM job WHERE uuid LIKE 'bulk-%' AND substr(uuid, 6)::int % 2 = 0");
        pg.execute("INSERT INTO task (job_id, platform_id) SELECT j.id, p.id FROM job j, platform p"
                + " WHERE j.uuid LIKE 'bulk-%' AND substr(j.uuid, 6)::int % 3 = 0 AND p.name = 'el8'");
        pg.execute("ANALYZE");
    }
}
