// Benchmark: task claims per second through claim_task (TaskDao.claim, as the controller calls it)
// with 4 concurrent claimers, against plain FOR UPDATE SKIP LOCKED in pgbench on the same server and
// data, in the same run. Not part of the test suite. Run with bench/run.sh claims [TASKS] [ROUNDS];
// see docs/benchmarks.md ("Task claims").
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.sql.DatabaseCredentials;
import org.pkgforge.sql.EmbeddedRegistryServer;
import org.pkgforge.sql.Pools;
import org.pkgforge.sql.Registry;
import org.pkgforge.sql.dao.AgentDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;

public class ClaimBench {
    static final int CLAIMERS = 4;
    static final String[][] PLATFORMS = {{"el9", "x86_64"}, {"el9", "aarch64"}, {"el8", "x86_64"}, {"deb12", "amd64"}};
    // pgbench clients must never find the queue empty (\gset fails on zero rows): a few spare tasks.
    static final int SLACK = 200;

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String pgbench = findPgbench();
        Path work = Files.createTempDirectory("pkgforge-claimbench");
        try {
            run(work, tasks, rounds, pgbench);
        } finally {
            Trees.deleteRecursively(work);
        }
    }

    static void run(Path work, int tasks, int rounds, String pgbench) throws Exception {
        try (EmbeddedRegistryServer pg = EmbeddedRegistryServer.start(work.resolve("postgres"));
                HikariDataSource pool = Pools.open(pg.controllerCredentials(), "claimbench", CLAIMERS)) {
            Jdbi owner = Registry.jdbi(pg.ownerDataSource());
            Jdbi controller = Registry.jdbi(pool);
            List<String> agents = setUpPlatformsAndAgents(owner);
            Path plain = Files.writeString(work.resolve("plain-skip-locked.sql"), String.join("\n",
                    "BEGIN;",
                    "SELECT id AS claimed FROM task WHERE status = 'needs_build' ORDER BY queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED \\gset",
                    "UPDATE task SET status = 'building', attempts = attempts + 1 WHERE id = :claimed;",
                    "END;", ""));
            Path function = Files.writeString(work.resolve("claim-task.sql"),
                    "SELECT * FROM claim_task('bench-agent-' || :client_id, make_interval(secs => 600));\n");

            // Warm-up (JIT, pool, plan caches) of every Java path measured below.
            for (Claimers kind : Claimers.values()) {
                seed(owner, 5_000);
                runClaims(kind, controller, pool, agents);
            }
            // The migrated claim_task, as R__functions.sql defines it today; the rounds swap it with the
            // one it replaced (PREVIOUS_FUNCTION), so both are measured on the same server.
            String migrated = owner.withHandle(h -> h.createQuery(
                            "SELECT pg_get_functiondef('claim_task(text, interval)'::regprocedure)")
                    .mapTo(String.class)
                    .one());
            String[] names = {
                "TaskDao.claim, onDemand, previous SQL",
                "pgbench SELECT claim_task(), previous SQL",
                "pgbench plain SKIP LOCKED, schema as is",
                "pgbench plain SKIP LOCKED + FIFO index",
                "pgbench SELECT claim_task() previous + FIFO index",
                "TaskDao.claim, onDemand, as migrated",
                "pgbench SELECT claim_task(), as migrated",
                "TaskDao on a held Handle (the controller)",
                "plain JDBC, as migrated"
            };
            System.out.printf("load average before: %s%n", loadAverage());
            List<double[]> figures = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                double[] f = new double[names.length];
                owner.useHandle(h -> h.execute(PREVIOUS_FUNCTION));
                f[0] = claims(Claimers.ON_DEMAND, owner, controller, pool, agents, tasks);
                f[1] = pgbench(owner, pgbench, pg, function, tasks);
                f[2] = pgbench(owner, pgbench, pg, plain, tasks);
                owner.useHandle(h -> h.execute(FIFO_INDEX_DDL));
                f[3] = pgbench(owner, pgbench, pg, plain, tasks);
                f[4] = pgbench(owner, pgbench, pg, function, tasks);
                owner.useHandle(h -> h.execute("DROP INDEX " + FIFO_INDEX));
                owner.useHandle(h -> h.execute(migrated));
                f[5] = claims(Claimers.ON_DEMAND, owner, controller, pool, agents, tasks);
                f[6] = pgbench(owner, pgbench, pg, function, tasks);
                f[7] = claims(Claimers.HELD_HANDLE, owner, controller, pool, agents, tasks);
                f[8] = claims(Claimers.JDBC, owner, controller, pool, agents, tasks);
                figures.add(f);
                StringBuilder line = new StringBuilder("round " + r + ":");
                for (double v : f) {
                    line.append(String.format(" %.0f", v));
                }
                System.out.println(line + " claims/s; load average " + loadAverage());
            }
            owner.useHandle(h -> h.execute(migrated));
            seed(owner, tasks);
            printPlan(owner, "previous claim_task's SELECT, full queue", PREVIOUS_SELECT.formatted(agents.get(0)));
            printPlan(owner, "claim_task's SELECT (as migrated), full queue", CURRENT_SELECT.formatted(agents.get(0)));
            System.out.printf("%ntasks per run: %d, %d claimers, %d platforms (2 per agent), %d cores, medians of %d rounds%n",
                    tasks, CLAIMERS, PLATFORMS.length, Runtime.getRuntime().availableProcessors(), rounds);
            for (int i = 0; i < names.length; i++) {
                System.out.printf("  %-46s %8.0f claims/s%n", names[i], median(figures, i));
            }
            System.out.printf("  TaskDao.claim previous / plain baseline + FIFO index:    %.2fx%n",
                    median(figures, 0) / median(figures, 3));
            System.out.printf("  TaskDao.claim as migrated / plain baseline + FIFO index: %.2fx%n",
                    median(figures, 5) / median(figures, 3));
            System.out.printf("  held Handle (controller) / plain baseline + FIFO index:  %.2fx (target >= 5,500/s)%n",
                    median(figures, 7) / median(figures, 3));
        }
    }

    /** How a claimer thread reaches claim_task. */
    enum Claimers {
        /** jdbi.onDemand(TaskDao.class).claim(...), a Handle per call (the controller before issue 3). */
        ON_DEMAND,
        /** A TaskDao attached once to a Handle the claimer keeps (AgentServer.dispatch now). */
        HELD_HANDLE,
        /** The same SQL on one PreparedStatement: the floor of the Java side. */
        JDBC
    }

    // What the plain pgbench query needs to avoid a sort of the whole queue (not in the schema).
    static final String FIFO_INDEX = "task_fifo_bench";
    static final String FIFO_INDEX_DDL =
            "CREATE INDEX " + FIFO_INDEX + " ON task (queued_at, id) WHERE status = 'needs_build'";

    // claim_task's SELECT before issue 3 (sorted the agent's whole queue), for EXPLAIN.
    static final String PREVIOUS_SELECT = "SELECT t.id FROM task t"
            + " JOIN agent_platform ap ON ap.platform_id = t.platform_id"
            + " JOIN agent a ON a.id = ap.agent_id JOIN platform p ON p.id = t.platform_id"
            + " WHERE a.name = '%s' AND a.enabled AND p.active AND t.status = 'needs_build'"
            + " ORDER BY t.queued_at, t.id LIMIT 1 FOR UPDATE OF t SKIP LOCKED";

    // The SELECT of claim_task as R__functions.sql defines it now (per-platform probes), for EXPLAIN.
    static final String CURRENT_SELECT = "SELECT c.id FROM agent a"
            + " JOIN agent_platform ap ON ap.agent_id = a.id"
            + " JOIN platform p ON p.id = ap.platform_id AND p.active"
            + " CROSS JOIN LATERAL (SELECT t.id, t.queued_at FROM task t"
            + "   WHERE t.platform_id = ap.platform_id AND t.status = 'needs_build'"
            + "   ORDER BY t.queued_at, t.id LIMIT 1 FOR UPDATE SKIP LOCKED) c"
            + " WHERE a.name = '%s' AND a.enabled"
            + " ORDER BY c.queued_at, c.id LIMIT 1";

    // claim_task as it was before issue 3, to measure against the migrated one in the same run.
    static final String PREVIOUS_FUNCTION = """
            CREATE OR REPLACE FUNCTION claim_task(p_agent text, p_lease interval)
            RETURNS TABLE (task_id bigint, attempt int) LANGUAGE plpgsql AS $$
            DECLARE
                v_task bigint;
                v_attempt int;
            BEGIN
                SELECT t.id INTO v_task
                  FROM task t
                  JOIN agent_platform ap ON ap.platform_id = t.platform_id
                  JOIN agent a ON a.id = ap.agent_id
                  JOIN platform p ON p.id = t.platform_id
                 WHERE a.name = p_agent AND a.enabled AND p.active AND t.status = 'needs_build'
                 ORDER BY t.queued_at, t.id
                 LIMIT 1
                 FOR UPDATE OF t SKIP LOCKED;
                IF NOT FOUND THEN
                    RETURN;
                END IF;
                UPDATE task SET status = 'building', attempts = attempts + 1, reason = NULL
                 WHERE id = v_task RETURNING attempts INTO v_attempt;
                INSERT INTO attempt (task_id, number, agent_name, lease_expires)
                VALUES (v_task, v_attempt, p_agent, now() + p_lease);
                task_id := v_task;
                attempt := v_attempt;
                RETURN NEXT;
            END $$""";

    static double pgbench(Jdbi owner, String pgbench, EmbeddedRegistryServer pg, Path script, int tasks)
            throws Exception {
        seed(owner, tasks + SLACK);
        return runPgbench(pgbench, pg.controllerCredentials(), pg.port(), script, tasks);
    }

    static String loadAverage() throws java.io.IOException {
        return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }

    /** Four platforms; agent i serves platforms i and i+1, so every platform has two claimers. */
    static List<String> setUpPlatformsAndAgents(Jdbi owner) {
        PlatformDao platforms = owner.onDemand(PlatformDao.class);
        AgentDao agentDao = owner.onDemand(AgentDao.class);
        int[] ids = new int[PLATFORMS.length];
        for (int i = 0; i < PLATFORMS.length; i++) {
            ids[i] = platforms.add(PLATFORMS[i][0], PLATFORMS[i][1]);
            platforms.activate(PLATFORMS[i][0], PLATFORMS[i][1]);
        }
        List<String> names = new ArrayList<>();
        for (int a = 0; a < CLAIMERS; a++) {
            String name = "bench-agent-" + a;
            int id = agentDao.upsert(name, 4);
            agentDao.addPlatform(id, ids[a % ids.length]);
            agentDao.addPlatform(id, ids[(a + 1) % ids.length]);
            names.add(name);
        }
        return names;
    }

    /** Empties the queue and inserts {@code tasks} waiting tasks: jobs of one task per platform, oldest first. */
    static void seed(Jdbi owner, int tasks) {
        owner.useHandle(h -> {
            h.execute("TRUNCATE artifact, attempt, skipped_target, package, task, job RESTART IDENTITY CASCADE");
            int jobs = (tasks + PLATFORMS.length - 1) / PLATFORMS.length;
            h.execute("INSERT INTO job (uuid, status, submitted_at) SELECT 'bench-' || g, 'registered',"
                    + " now() - interval '1 day' + g * interval '1 ms' FROM generate_series(1, ?) g", jobs);
            h.execute("INSERT INTO task (job_id, platform_id, queued_at)"
                    + " SELECT j.id, p.id, j.submitted_at FROM job j CROSS JOIN platform p"
                    + " ORDER BY j.id, p.id LIMIT ?", tasks);
            h.execute("VACUUM ANALYZE job");
            h.execute("VACUUM ANALYZE task");
            h.execute("VACUUM ANALYZE attempt");
        });
    }

    /** Each claimer claims as its agent until it gets nothing; returns claims per second. */
    static double runClaims(Claimers kind, Jdbi controller, DataSource pool, List<String> agents)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(agents.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (String agent : agents) {
                counts.add(threads.submit(() -> claimUntilEmpty(kind, controller, pool, agent, start)));
            }
            long t0 = System.nanoTime();
            start.countDown();
            int total = 0;
            for (Future<Integer> f : counts) {
                total += f.get(10, TimeUnit.MINUTES);
            }
            return total / ((System.nanoTime() - t0) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    static int claimUntilEmpty(Claimers kind, Jdbi controller, DataSource pool, String agent, CountDownLatch start)
            throws Exception {
        int n = 0;
        switch (kind) {
            case ON_DEMAND -> {
                TaskDao dao = controller.onDemand(TaskDao.class);
                start.await();
                while (dao.claim(agent, 600).isPresent()) {
                    n++;
                }
            }
            case HELD_HANDLE -> {
                try (Handle h = controller.open()) {
                    TaskDao dao = h.attach(TaskDao.class);
                    start.await();
                    while (dao.claim(agent, 600).isPresent()) {
                        n++;
                    }
                }
            }
            case JDBC -> {
                try (Connection c = pool.getConnection();
                        PreparedStatement st = c.prepareStatement(
                                "SELECT task_id, attempt FROM claim_task(?, make_interval(secs => ?))")) {
                    st.setString(1, agent);
                    st.setLong(2, 600);
                    start.await();
                    while (true) {
                        try (ResultSet rs = st.executeQuery()) {
                            if (!rs.next()) {
                                break;
                            }
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    static double claims(Claimers kind, Jdbi owner, Jdbi controller, DataSource pool, List<String> agents, int tasks)
            throws Exception {
        seed(owner, tasks);
        double rate = runClaims(kind, controller, pool, agents);
        verifyEachTaskClaimedOnce(owner, tasks);
        return rate;
    }

    static void verifyEachTaskClaimedOnce(Jdbi owner, int tasks) {
        Map<String, Object> r = owner.withHandle(h -> h.createQuery(
                        "SELECT (SELECT count(*) FROM attempt) AS attempts,"
                                + " (SELECT count(*) FROM task WHERE status = 'building' AND attempts = 1) AS claimed,"
                                + " (SELECT count(*) FROM task WHERE attempts <> 1) AS wrong")
                .mapToMap()
                .one());
        if (((Number) r.get("attempts")).intValue() != tasks || ((Number) r.get("claimed")).intValue() != tasks
                || ((Number) r.get("wrong")).intValue() != 0) {
            throw new IllegalStateException("claims do not add up for " + tasks + " tasks: " + r);
        }
    }

    /** pgbench with 4 clients, TASKS transactions in all; returns tps without connection time. */
    static double runPgbench(String pgbench, DatabaseCredentials c, int port, Path script, int tasks) throws Exception {
        List<String> cmd = List.of(pgbench, "-n", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", c.user(),
                "-c", Integer.toString(CLAIMERS), "-j", Integer.toString(CLAIMERS),
                "-t", Integer.toString(tasks / CLAIMERS), "-f", script.toString(), "postgres");
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().put("PGPASSWORD", c.password());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed: " + out);
        }
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no tps in pgbench output: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    static void printPlan(Jdbi owner, String title, String select) {
        List<String> plan = owner.withHandle(h -> h.inTransaction(tx -> {
            List<String> lines = tx.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + select).mapTo(String.class).list();
            tx.rollback();
            return lines;
        }));
        System.out.println("\n-- " + title);
        plan.forEach(l -> System.out.println("   " + l));
    }

    static String findPgbench() {
        for (String candidate : List.of("/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "pgbench";
    }

    static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
