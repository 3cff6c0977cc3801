// Benchmark: the farm against raw rpmbuild, measured in the same run. Not part of the test suite.
// Run with bench/run.sh [JOBS]; see docs/benchmarks.md.
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.submit.PkgforgeCli;

public class FarmBench {
    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path work = Files.createTempDirectory("pkgforge-bench");
        Path srpm = makeSample(work.resolve("sample"));
        String arch = sh(List.of("rpm", "--eval", "%{_arch}")).strip();

        // Baseline: the same rpmbuild command the agent runs, straight from the shell.
        List<Double> direct = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            Path top = work.resolve("direct-" + i);
            long t0 = System.nanoTime();
            sh(List.of("rpmbuild", "--rebuild", "--nodeps", "--define", "_topdir " + top.resolve("top"),
                    "--define", "_tmppath " + top.resolve("tmp"), srpm.toString()));
            direct.add(ms(System.nanoTime() - t0));
        }

        ControllerConfig config = ControllerConfig.defaults(work.resolve("state"))
                .withWebPort(0)
                .withWaitForJob(Duration.ZERO)
                .withLocalAgent(new ControllerConfig.LocalAgentConfig("local", 1, List.of("el9/" + arch), Optional.empty()));
        // Platform rows must exist before the farm registers its local agent.
        try (Farm setup = Farm.start(config.withLocalAgent(
                new ControllerConfig.LocalAgentConfig("local", 1, List.of(), Optional.empty())))) {
            PlatformDao p = setup.jdbi().onDemand(PlatformDao.class);
            p.add("el9", arch);
            p.activate("el9", arch);
            p.setAuto("el9", arch);
        }
        List<Double> farmWall = new ArrayList<>();
        List<Double> startLatency = new ArrayList<>();
        List<List<Double>> phases = new ArrayList<>();
        double cpuPerTask;
        double threadCpuPerTask;
        try (Farm farm = Farm.start(config)) {
            Jdbi jdbi = farm.jdbi();
            // Warm-up job: JIT, agent connection, first createrepo.
            runJob(farm, config, srpm, "warmup");
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var threads = ManagementFactory.getThreadMXBean();
            long cpu0 = os.getProcessCpuTime();
            long main0 = threads.getCurrentThreadCpuTime();
            java.util.Map<Long, Long> before = new java.util.HashMap<>();
            for (long tid : threads.getAllThreadIds()) before.put(tid, threads.getThreadCpuTime(tid));
            for (int i = 0; i < jobs; i++) {
                String id = "bench-" + i;
                long t0 = System.nanoTime();
                runJob(farm, config, srpm, id);
                farmWall.add(ms(System.nanoTime() - t0));
                long jobId = jdbi.onDemand(JobDao.class).findByUuid(id).orElseThrow().id();
                double latency = jdbi.withHandle(h -> h.createQuery(
                                "SELECT extract(epoch FROM a.started_at - j.submitted_at) * 1000 FROM attempt a "
                                        + "JOIN task t ON t.id = a.task_id JOIN job j ON j.id = t.job_id WHERE j.id = :j")
                        .bind("j", jobId)
                        .mapTo(Double.class)
                        .one());
                startLatency.add(latency);
                phases.add(jdbi.withHandle(h -> h.createQuery(
                                "SELECT extract(epoch FROM a.claimed_at - j.submitted_at) * 1000 AS queued,"
                                        + " extract(epoch FROM a.started_at - a.claimed_at) * 1000 AS transfer,"
                                        + " extract(epoch FROM a.finished_at - a.started_at) * 1000 AS build,"
                                        + " extract(epoch FROM t.modtime - a.finished_at) * 1000 AS publish"
                                        + " FROM attempt a JOIN task t ON t.id = a.task_id JOIN job j ON j.id = t.job_id WHERE j.id = :j")
                        .bind("j", jobId)
                        .map((rs, ctx) -> List.of(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                        .one()));
            }
            // The benchmark's own thread (submit tool + polling) is the client, not the controller.
            long mainCpu = threads.getCurrentThreadCpuTime() - main0;
            cpuPerTask = (os.getProcessCpuTime() - cpu0 - mainCpu) / 1e6 / jobs;
            long threadCpu = 0;
            long mainId = Thread.currentThread().getId();
            for (long tid : threads.getAllThreadIds()) {
                long t = threads.getThreadCpuTime(tid);
                if (tid != mainId && t > 0) threadCpu += t - before.getOrDefault(tid, 0L);
            }
            threadCpuPerTask = threadCpu / 1e6 / jobs;
            if (Boolean.getBoolean("bench.threads")) {
                for (long tid : threads.getAllThreadIds()) {
                    var info = threads.getThreadInfo(tid);
                    long t = threads.getThreadCpuTime(tid);
                    if (info != null && t > 50_000_000L) System.out.printf("  thread %-40s %6.0f ms%n", info.getThreadName(), t / 1e6);
                }
            }
        }
        double directMed = median(direct);
        double farmMed = median(farmWall);
        System.out.printf("jobs: %d (one package, one target each), %d cores%n", jobs, Runtime.getRuntime().availableProcessors());
        System.out.printf("direct rpmbuild --rebuild     p50 %.1f ms  p99 %.1f ms%n", directMed, pct(direct, 99));
        System.out.printf("farm submit→published         p50 %.1f ms  p99 %.1f ms%n", farmMed, pct(farmWall, 99));
        System.out.printf("farm / direct (p50)           %.2fx  (overhead %.1f ms per job)%n", farmMed / directMed, farmMed - directMed);
        System.out.printf("committed→build started       p50 %.1f ms  p99 %.1f ms%n", median(startLatency), pct(startLatency, 99));
        String[] names = {"committed→claimed", "claimed→build started", "build started→result stored", "result→published"};
        for (int k = 0; k < names.length; k++) {
            int kk = k;
            System.out.printf("  %-28s p50 %.1f ms%n", names[k], median(phases.stream().map(l -> l.get(kk)).toList()));
        }
        System.out.printf("controller threads CPU/task   %.1f ms (the controller's own Java threads)%n", threadCpuPerTask);
        System.out.printf("controller CPU per task       %.1f ms (controller JVM: all threads but the benchmark's own, incl. JIT and GC)%n", cpuPerTask);
    }

    static void runJob(Farm farm, ControllerConfig config, Path srpm, String id) throws Exception {
        int exit = PkgforgeCli.run("submit", "-B", "bench-" + id, "-p", "el9", "--id", id, "--target",
                config.dropDir().toString(), srpm.toString());
        if (exit != 0) throw new IllegalStateException("submit failed: " + exit);
        Jdbi jdbi = farm.jdbi();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        // One light query every 5 ms: the client's own polling must not dominate the controller JVM's CPU figure.
        String sql = "SELECT count(*) FILTER (WHERE t.published) || '/' || count(*) || '/' "
                + "|| count(*) FILTER (WHERE t.status = 'fail' OR t.reason LIKE 'publish failed%') "
                + "FROM job j JOIN task t ON t.job_id = j.id WHERE j.uuid = :id";
        try (var handle = jdbi.open()) {
            while (System.nanoTime() < deadline) {
                String[] state = handle.createQuery(sql).bind("id", id).mapTo(String.class).one().split("/");
                if (!state[2].equals("0")) throw new IllegalStateException(id + " failed");
                if (!state[1].equals("0") && state[0].equals(state[1])) return;
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException(id + " timed out");
    }

    static Path makeSample(Path out) throws Exception {
        Path examples = Path.of("examples").toAbsolutePath();
        sh(List.of("sh", examples.resolve("make-srpm.sh").toString(), out.toString()));
        try (var f = Files.list(out)) {
            return f.filter(p -> p.toString().endsWith(".src.rpm")).findFirst().orElseThrow();
        }
    }

    static String sh(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(cmd + ": " + out);
        return out;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double median(List<Double> v) {
        return pct(v, 50);
    }

    static double pct(List<Double> v, int p) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }
}
