// Benchmark: the web job list (issue 6) over 100,000 jobs, each filter alone and combined: real
// HTTP GETs against the started web server and the WebStore.jobs call behind them, against raw
// JDBC on the same data in the same run (the page query alone, SELECT ... LIMIT 50 with the same
// conditions, and that plus a count capped at 10,001); first without V009's indexes, then with
// them. Prints p50/p95/p99 per case and EXPLAIN ANALYZE of the app's queries. Not part of the test
// suite. Run with BENCH=JobListBench bench/run.sh [REQUESTS]; see docs/benchmarks.md ("Job list with
// 100,000 jobs").
import com.zaxxer.hikari.HikariDataSource;
import freemarker.template.Template;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.freemarker.FreemarkerSqlLocator;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.sql.EmbeddedRegistryServer;
import org.pkgforge.sql.Pools;
import org.pkgforge.sql.Registry;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.WebConfig;
import org.pkgforge.webapp.WebServer;
import org.pkgforge.webapp.store.JobFilter;
import org.pkgforge.webapp.store.JobListQueries;
import org.pkgforge.webapp.store.JobListing;
import org.pkgforge.webapp.store.WebStore;

public class JobListBench {
    static final int JOBS = 100_000;
    static final int PAGE = 50;
    static final int WARMUP = 20;
    static final Path MIGRATION = Path.of("sql/src/main/resources/db/migration/V009__job_list_indexes.sql");

    /** One measured request: a filter and page, and the raw page query a DBA would write for it. */
    record Case(String name, JobFilter filter, int page, String where, List<Object> args) {}

    static JobFilter filter(String state, String submitter, String bucket, String platform, String pkg,
            String from, String to) {
        return new JobFilter(state, submitter, bucket, platform, pkg,
                from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    /** A bind parameter of a raw page query: the ids of a platform filter's platforms, as an SQL array. */
    record PlatformIds(String platform) {}

    static final String ON_PLATFORM = "EXISTS (SELECT 1 FROM task t WHERE t.job_id = j.id AND t.platform_id = ANY(?))";
    static final String WITH_PACKAGE = "EXISTS (SELECT 1 FROM package k WHERE k.job_id = j.id AND k.name = ?)";
    static final String DATES = "j.submitted_at >= ?::date AT TIME ZONE 'UTC'"
            + " AND j.submitted_at < (?::date + 1) AT TIME ZONE 'UTC'";

    static final List<Case> CASES = List.of(
            new Case("no filter, page 1", JobFilter.NONE, 1, "TRUE", List.of()),
            new Case("no filter, page 1000 (offset 49,950)", JobFilter.NONE, 1000, "TRUE", List.of()),
            new Case("state=cancelled (2 %)", filter("cancelled", null, null, null, null, null, null), 1,
                    "j.status = ?", List.of("cancelled")),
            new Case("submitter=dave (3 %)", filter(null, "dave", null, null, null, null, null), 1,
                    "j.submitter = ?", List.of("dave")),
            new Case("bucket=testing (10 %)", filter(null, null, "testing", null, null, null, null), 1,
                    "j.bucket = ?", List.of("testing")),
            new Case("platform=el9 (50 %)", filter(null, null, null, "el9", null, null, null), 1,
                    ON_PLATFORM, List.of(new PlatformIds("el9"))),
            new Case("platform=el9, page 100", filter(null, null, null, "el9", null, null, null), 100,
                    ON_PLATFORM, List.of(new PlatformIds("el9"))),
            new Case("platform=el9/aarch64 (25 %)", filter(null, null, null, "el9/aarch64", null, null, null), 1,
                    ON_PLATFORM, List.of(new PlatformIds("el9/aarch64"))),
            new Case("platform=el7 (0.1 %)", filter(null, null, null, "el7", null, null, null), 1,
                    ON_PLATFORM, List.of(new PlatformIds("el7"))),
            new Case("package=pkg-0042 (50 jobs)", filter(null, null, null, null, "pkg-0042", null, null), 1,
                    WITH_PACKAGE, List.of("pkg-0042")),
            new Case("package=rare-tool (10 jobs)", filter(null, null, null, null, "rare-tool", null, null), 1,
                    WITH_PACKAGE, List.of("rare-tool")),
            new Case("from=2025-06-01 to=2025-06-07", filter(null, null, null, null, null, "2025-06-01", "2025-06-07"),
                    1, DATES, List.of("2025-06-01", "2025-06-07")),
            new Case("alice+success+el9/x86_64+Mar-Sep",
                    filter("success", "alice", null, "el9/x86_64", null, "2025-03-01", "2025-09-30"), 1,
                    "j.status = ? AND j.submitter = ? AND " + ON_PLATFORM + " AND " + DATES,
                    List.of("success", "alice", new PlatformIds("el9/x86_64"), "2025-03-01", "2025-09-30")),
            new Case("package=pkg-0042+platform=el8", filter(null, null, null, "el8", "pkg-0042", null, null), 1,
                    WITH_PACKAGE + " AND " + ON_PLATFORM, List.of("pkg-0042", new PlatformIds("el8"))));

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path work = Files.createTempDirectory("pkgforge-joblistbench");
        try (EmbeddedRegistryServer pg = EmbeddedRegistryServer.start(work.resolve("postgres"));
                HikariDataSource pool = Pools.open(pg.webCredentials(), "joblistbench-web", 8)) {
            Jdbi owner = Registry.jdbi(pg.ownerDataSource());
            Jdbi web = Registry.jdbi(pool);
            long t0 = System.nanoTime();
            seed(owner);
            System.out.printf("seeded %s in %.1f s: %s%n", JOBS, (System.nanoTime() - t0) / 1e9, sizes(owner));
            String ddl = Files.readString(MIGRATION);
            List<String> indexes = indexNames(ddl);
            try (WebServer server = new WebServer(
                    new WebConfig("127.0.0.1", 0, work.resolve("results"), work.resolve("repos")), web)) {
                server.start();
                WebStore store = new WebStore(web);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                int fewer = Math.max(20, requests / 4);
                // JIT, pools and caches of every path measured below, so the first case is not the cold one.
                runAll(server, store, web, http, pool, 20, false);

                owner.useHandle(h -> indexes.forEach(i -> h.execute("DROP INDEX " + i)));
                owner.useHandle(h -> h.execute("ANALYZE"));
                System.out.printf("%n== without V009's indexes (%s), %d requests per case; load average %s%n",
                        String.join(", ", indexes), fewer, loadAverage());
                List<double[][]> before = runAll(server, store, web, http, pool, fewer, true);
                printPlans(owner, web, "without V009", List.of(2, 3, 4, 8, 9));

                owner.useHandle(h -> h.execute(ddl));
                owner.useHandle(h -> h.execute("ANALYZE"));
                System.out.printf("%n== with V009's indexes, %d requests per case; load average %s%n", requests,
                        loadAverage());
                List<double[][]> after = runAll(server, store, web, http, pool, requests, true);
                printPlans(owner, web, "with V009", List.of(0, 1, 2, 3, 4, 5, 6, 8, 9, 12));
                printGenericPlan(owner, web, 8);

                System.out.printf("%n%d jobs, page of %d, %d cores, %d requests per case (%d without V009),"
                        + " load average %s%n", JOBS, PAGE, Runtime.getRuntime().availableProcessors(), requests,
                        fewer, loadAverage());
                System.out.println("| case | HTTP GET | WebStore.jobs | raw JDBC page | raw JDBC page + count"
                        + " | HTTP p95 / page p95 | HTTP p95 / page+count p95 | HTTP without V009 |");
                System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
                for (int c = 0; c < CASES.size(); c++) {
                    double[][] a = after.get(c);
                    double[][] b = before.get(c);
                    System.out.printf("| %s | %s | %s | %s | %s | %.1f× | %.1f× | %s |%n", CASES.get(c).name(),
                            fmt(a[0]), fmt(a[1]), fmt(a[2]), fmt(a[3]), a[0][1] / a[2][1], a[0][1] / a[3][1],
                            fmt(b[0]));
                }
                System.out.println("(p50 / p95 / p99 in ms)");
            }
        } finally {
            Trees.deleteRecursively(work);
        }
    }

    /**
     * Per case: {HTTP, WebStore, JDBC page, JDBC page + capped count} x {p50, p95, p99} in ms. The
     * raw queries run on one connection, each a PreparedStatement executed over and over.
     */
    static List<double[][]> runAll(WebServer server, WebStore store, Jdbi web, HttpClient http,
            HikariDataSource pool, int requests, boolean print) throws Exception {
        List<double[][]> figures = new ArrayList<>();
        for (Case c : CASES) {
            URI uri = URI.create(server.baseUrl() + Routes.jobs(c.filter(), c.page()));
            long offset = (long) (c.page() - 1) * PAGE;
            double[] viaHttp = time(requests, () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !r.body().contains(" jobs)</span>")) {
                    throw new IllegalStateException(uri + " answered " + r.statusCode());
                }
            });
            JobListing[] listing = new JobListing[1];
            double[] viaStore = time(requests, () -> listing[0] = store.jobs(c.filter(), PAGE, offset));
            int[] raw = new int[1];
            double[] page;
            double[] pageAndCount;
            try (Connection conn = pool.getConnection();
                    PreparedStatement pageSql = conn.prepareStatement("SELECT j.uuid, j.submitter, j.bucket, j.status,"
                            + " j.submitted_at FROM job j WHERE " + c.where()
                            + " ORDER BY j.submitted_at DESC, j.id DESC LIMIT " + PAGE + " OFFSET " + offset);
                    PreparedStatement countSql = conn.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM job j"
                            + " WHERE " + c.where() + " LIMIT " + (WebStore.COUNT_AT_LEAST + 1) + ") matching")) {
                // As the web side plans its job list queries (JobListQueries.planEachExecution).
                conn.createStatement().execute("SET plan_cache_mode = force_custom_plan");
                for (int i = 0; i < c.args().size(); i++) {
                    Object arg = c.args().get(i);
                    Object value = arg instanceof PlatformIds p
                            ? conn.createArrayOf("integer", platformIds(web, p.platform()))
                            : arg;
                    pageSql.setObject(i + 1, value);
                    countSql.setObject(i + 1, value);
                }
                page = time(requests, () -> raw[0] = rows(pageSql));
                pageAndCount = time(requests, () -> {
                    rows(pageSql);
                    rows(countSql);
                });
                conn.createStatement().execute("RESET plan_cache_mode");
            }
            if (raw[0] != listing[0].jobs().size()) {
                throw new IllegalStateException(
                        c.name() + ": the page has " + listing[0].jobs().size() + " jobs, raw JDBC " + raw[0]);
            }
            figures.add(new double[][] {viaHttp, viaStore, page, pageAndCount});
            if (print) {
                System.out.printf("  %-40s %2d rows, total %s%-6d  HTTP %s  store %s  JDBC page %s  page+count %s%n",
                        c.name(), raw[0], listing[0].more() ? ">" : "=", listing[0].totalJobs(), fmt(viaHttp),
                        fmt(viaStore), fmt(page), fmt(pageAndCount));
            }
        }
        return figures;
    }

    static int rows(PreparedStatement st) throws java.sql.SQLException {
        int n = 0;
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    interface Call {
        void run() throws Exception;
    }

    /** {p50, p95, p99} in ms of {@code n} sequential calls after a warm-up. */
    static double[] time(int n, Call call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            call.run();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {pct(ms, 50), pct(ms, 95), pct(ms, 99)};
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String fmt(double[] f) {
        return String.format("%.1f / %.1f / %.1f", f[0], f[1], f[2]);
    }

    /**
     * 100,000 jobs over 2025 (one every 5 minutes) from 5 submitters and 3 buckets in skewed shares,
     * 1–2 source packages each (2,000 common names, ~50 jobs each, and one rare), and tasks over 9
     * platforms (el9/x86_64 on every 2nd job … el7 on every 1,000th).
     */
    static void seed(Jdbi owner) throws InterruptedException {
        owner.useHandle(h -> {
            h.execute("INSERT INTO platform (name, arch, active) VALUES ('el9', 'x86_64', true),"
                    + " ('el9', 'aarch64', true), ('el8', 'x86_64', true), ('el8', 'aarch64', true),"
                    + " ('f40', 'x86_64', true), ('f41', 'x86_64', true), ('deb12', 'amd64', true),"
                    + " ('deb12', 'arm64', true), ('el7', 'x86_64', true)");
            h.execute("INSERT INTO job (uuid, submitter, bucket, status, submitted_at)"
                    + " SELECT 'bench-' || g,"
                    + "   CASE WHEN (g * 37) % 100 < 60 THEN 'robot' WHEN (g * 37) % 100 < 75 THEN 'alice'"
                    + "        WHEN (g * 37) % 100 < 90 THEN 'bob' WHEN (g * 37) % 100 < 97 THEN 'carol' ELSE 'dave' END,"
                    + "   CASE WHEN (g * 13) % 10 < 7 THEN 'main' WHEN (g * 13) % 10 < 9 THEN 'devel' ELSE 'testing' END,"
                    + "   CASE WHEN (g * 17) % 100 < 70 THEN 'success' WHEN (g * 17) % 100 < 80 THEN 'fail'"
                    + "        WHEN (g * 17) % 100 < 85 THEN 'partial_fail' WHEN (g * 17) % 100 < 90 THEN 'partial_success'"
                    + "        WHEN (g * 17) % 100 < 95 THEN 'registered' WHEN (g * 17) % 100 < 98 THEN 'invalid'"
                    + "        ELSE 'cancelled' END,"
                    + "   timestamptz '2025-01-01 00:00Z' + g * interval '5 minutes'"
                    + " FROM generate_series(1, ?) g", JOBS);
            h.execute("INSERT INTO package (job_id, seq, type, file, size, sha1sum, sha256sum, name, version, release)"
                    + " SELECT id, 1, 'srpm', n || '-1.0-1.src.rpm', 4096, repeat('a', 40), repeat('b', 64), n, '1.0', '1'"
                    + " FROM (SELECT id, CASE WHEN id % 10000 = 0 THEN 'rare-tool'"
                    + "   ELSE 'pkg-' || lpad(((id * 7919) % 2000)::text, 4, '0') END AS n FROM job) j");
            h.execute("INSERT INTO package (job_id, seq, type, file, size, sha1sum, sha256sum, name, version, release)"
                    + " SELECT id, 2, 'srpm', 'lib' || (id % 300) || '-2.0-1.src.rpm', 4096, repeat('a', 40),"
                    + " repeat('b', 64), 'lib' || (id % 300), '2.0', '1' FROM job WHERE id % 5 = 0");
            h.execute("INSERT INTO task (job_id, platform_id, status)"
                    + " SELECT j.id, p.id, CASE WHEN j.status IN ('success', 'partial_success') THEN 'success'"
                    + "   WHEN j.status IN ('fail', 'partial_fail') THEN 'fail' WHEN j.status = 'cancelled' THEN 'cancelled'"
                    + "   ELSE 'needs_build' END"
                    + " FROM job j JOIN (VALUES ('el9', 'x86_64', 2, 0), ('el9', 'aarch64', 4, 0), ('el8', 'x86_64', 3, 0),"
                    + "   ('el8', 'aarch64', 6, 0), ('f40', 'x86_64', 5, 1), ('f41', 'x86_64', 5, 2),"
                    + "   ('deb12', 'amd64', 7, 3), ('deb12', 'arm64', 14, 3), ('el7', 'x86_64', 1000, 7))"
                    + "   AS r(name, arch, m, k) ON j.id % r.m = r.k AND j.status <> 'invalid'"
                    + " JOIN platform p ON p.name = r.name AND p.arch = r.arch");
        });
        // An autovacuum ANALYZE of the fresh rows may hold back the horizon of the first VACUUM, which
        // then marks no page all-visible and leaves every index-only scan visiting the heap.
        int attempt = 0;
        do {
            Thread.sleep(attempt * 1000L);
            owner.useHandle(h -> h.execute("VACUUM (FREEZE, ANALYZE) job, package, task"));
        } while (!allVisible(owner) && ++attempt < 20);
    }

    static boolean allVisible(Jdbi owner) {
        return owner.withHandle(h -> h.createQuery("SELECT bool_and(relallvisible >= relpages * 0.99) FROM pg_class"
                        + " WHERE relname IN ('job', 'task', 'package')")
                .mapTo(Boolean.class)
                .one());
    }

    static String sizes(Jdbi owner) {
        return owner.withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM job) || ' jobs, '"
                        + " || (SELECT count(*) FROM package) || ' packages, ' || (SELECT count(*) FROM task) || ' tasks;"
                        + " all-visible pages: ' || (SELECT string_agg(relname || ' ' || relallvisible || '/' || relpages, ', ')"
                        + " FROM pg_class WHERE relname IN ('job', 'task', 'package'))")
                .mapTo(String.class)
                .one());
    }

    static List<String> indexNames(String ddl) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("CREATE INDEX (\\w+)").matcher(ddl);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * EXPLAIN ANALYZE of both job list queries as the app renders them, the bind parameters put in
     * as literals (so these are custom plans, as the first executions of a statement get).
     */
    static void printPlans(Jdbi owner, Jdbi web, String title, List<Integer> cases) throws Exception {
        for (int i : cases) {
            Case c = CASES.get(i);
            long offset = (long) (c.page() - 1) * PAGE;
            for (String query : List.of("jobsNewestFirst", "countJobs")) {
                String ids = idsLiteral(web, c.filter());
                String sql = literals(render(query, c.filter()), c.filter(), ids, offset);
                List<String> plan = owner.withHandle(
                        h -> h.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql).mapTo(String.class).list());
                System.out.printf("%n-- %s: %s, %s%n", title, c.name(), query);
                plan.forEach(l -> System.out.println("   " + l));
            }
        }
    }

    /**
     * EXPLAIN ANALYZE of a case's page query as a generic plan: what a statement prepared on the
     * connection may run after its first executions unless the transaction forces custom plans.
     */
    static void printGenericPlan(Jdbi owner, Jdbi web, int index) throws Exception {
        Case c = CASES.get(index);
        long offset = (long) (c.page() - 1) * PAGE;
        String ids = idsLiteral(web, c.filter());
        String sql = render("jobsNewestFirst", c.filter());
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile(":(\\w+)").matcher(sql.replaceAll("--[^\n]*", ""));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
            m.appendReplacement(out, "\\$" + (names.indexOf(m.group(1)) + 1));
        }
        m.appendTail(out);
        String values = names.stream()
                .map(n -> literals(":" + n, c.filter(), ids, offset))
                .collect(java.util.stream.Collectors.joining(", "));
        List<String> plan = owner.withHandle(h -> {
            h.execute("PREPARE generic_page AS " + out);
            h.execute("SET plan_cache_mode = force_generic_plan");
            List<String> lines = h.createQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE generic_page(" + values + ")")
                    .mapTo(String.class)
                    .list();
            h.execute("RESET plan_cache_mode");
            h.execute("DEALLOCATE generic_page");
            return lines;
        });
        System.out.printf("%n-- generic plan: %s, jobsNewestFirst%n", c.name());
        plan.forEach(l -> System.out.println("   " + l));
    }

    static String idsLiteral(Jdbi web, JobFilter filter) {
        return filter.platform() == null ? null
                : "'{" + Arrays.stream(platformIds(web, filter.platform())).map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")) + "}'::int[]";
    }

    static String render(String query, JobFilter filter) throws Exception {
        Template t = FreemarkerSqlLocator.findTemplate(JobListQueries.class, query);
        StringWriter out = new StringWriter();
        t.process(Map.of("filter", filter), out);
        return out.toString();
    }

    static String literals(String sql, JobFilter f, String platformIds, long offset) {
        Matcher m = Pattern.compile(":(\\w+)").matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "limit" -> Integer.toString(PAGE + 1);
                case "platformIds" -> platformIds;
                case "offset" -> Long.toString(offset);
                case "atMost" -> Long.toString(Math.max(WebStore.COUNT_AT_LEAST, offset + PAGE) + 1);
                case "state" -> quote(f.state());
                case "submitter" -> quote(f.submitter());
                case "bucket" -> quote(f.bucket());
                case "platform" -> quote(f.platform());
                case "packageName" -> quote(f.packageName());
                case "submittedFrom" -> quote(String.valueOf(f.submittedFrom())) + "::timestamptz";
                case "submittedBefore" -> quote(String.valueOf(f.submittedBefore())) + "::timestamptz";
                default -> m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Integer[] platformIds(Jdbi web, String platform) {
        return web.withExtension(JobListQueries.class, q -> q.platformIds(platform)).toArray(Integer[]::new);
    }

    static String quote(String s) {
        return s == null ? "NULL" : "'" + s.replace("'", "''") + "'";
    }

    static String loadAverage() throws java.io.IOException {
        return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }
}
