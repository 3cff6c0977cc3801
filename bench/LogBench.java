// Benchmark: live build logs, from a line printed by the build to the same line received by a
// browser-like viewer over Server-Sent Events. Not part of the test suite.
// Run with BENCH=LogBench bench/run.sh [VIEWERS] (default 20); see docs/benchmarks.md.
//
// Phase 1 (latency): after a 3 s warm-up build, a real rpmbuild whose %build prints a line with its
// wall-clock time every 100 ms for 30 s, followed by VIEWERS concurrent viewers of the task's log events.
// Phase 2 (flood): a build that prints 50 MB/s for 10 s (one time-stamped line per 1 MiB batch),
// followed by 3 viewers; the controller's heap is sampled every 50 ms. The same 500 MB written
// by the same perl to /dev/null in this run is the baseline.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.submit.PkgforgeCli;

public class LogBench {
    static final String TICK_SPEC = """
            Name: logtick
            Version: 1
            Release: 1
            Summary: prints a time-stamped line every 100 ms
            License: MIT
            BuildArch: noarch
            %description
            Log latency benchmark.
            %build
            perl -MTime::HiRes=time,sleep -e '$|=1; for (1..LINES) { printf "TICK %.6f line %d\\n", time, $_; sleep 0.1 }'
            %install
            mkdir -p %{buildroot}/usr/share/logtick
            echo ok > %{buildroot}/usr/share/logtick/ok
            %files
            /usr/share/logtick/ok
            """;

    // 10 s at 50 MB/s: 1 MiB batches, each opened by a time-stamped line, paced to 50 per second.
    static final String FLOOD_PERL = "$|=0; my $fill = (\"x\" x 1023) . \"\\n\"; my $t0 = time;"
            + " for my $i (1..500) { printf \"TICK %.6f batch %d\\n\", time, $i; print $fill x 1023;"
            + " STDOUT->flush(); my $due = $t0 + $i / 50; my $w = $due - time; sleep $w if $w > 0 }";

    static final String FLOOD_SPEC = """
            Name: logflood
            Version: 1
            Release: 1
            Summary: prints 50 MB/s of log for 10 s
            License: MIT
            BuildArch: noarch
            %description
            Log flood benchmark.
            %build
            perl -MIO::Handle -MTime::HiRes=time,sleep -e 'PERL'
            %install
            mkdir -p %{buildroot}/usr/share/logflood
            echo ok > %{buildroot}/usr/share/logflood/ok
            %files
            /usr/share/logflood/ok
            """.replace("PERL", FLOOD_PERL);

    public static void main(String[] args) throws Exception {
        int viewers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int floodViewerCount = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("pkgforge-logbench");
        String arch = sh(List.of("rpm", "--eval", "%{_arch}")).strip();
        Path tick = srpm(work.resolve("tick"), "logtick", TICK_SPEC.replace("LINES", "300"));
        // A fresh agent JVM loads and compiles its log path during its first seconds: one short build
        // first, as a long-lived agent would have done, so phase 1 measures the steady state.
        Path warmup = srpm(work.resolve("warmup"), "logwarm", TICK_SPEC.replace("LINES", "30").replace("logtick", "logwarm"));
        Path flood = srpm(work.resolve("flood"), "logflood", FLOOD_SPEC);

        long t0 = System.nanoTime();
        sh(List.of("sh", "-c", "perl -MIO::Handle -MTime::HiRes=time,sleep -e '" + FLOOD_PERL + "' > /dev/null"));
        double baselineSeconds = (System.nanoTime() - t0) / 1e9;

        ControllerConfig config = ControllerConfig.defaults(work.resolve("state"))
                .withWebPort(0)
                .withWaitForJob(Duration.ZERO)
                .withLocalAgent(new ControllerConfig.LocalAgentConfig("local", 2, List.of("el9/" + arch), Optional.empty()));
        try (Farm setup = Farm.start(config.withLocalAgent(
                new ControllerConfig.LocalAgentConfig("local", 1, List.of(), Optional.empty())))) {
            PlatformDao p = setup.jdbi().onDemand(PlatformDao.class);
            p.add("el9", arch);
            p.activate("el9", arch);
            p.setAuto("el9", arch);
        }
        try (Farm farm = Farm.start(config)) {
            String base = farm.webUrl();
            String target = "el9-" + arch;

            submit(config, warmup, "warmup");
            awaitRunning(farm.jdbi(), "warmup");
            new Viewers(base + "/jobs/warmup/tasks/" + target + "/log/events", 2).await(Duration.ofMinutes(2));
            awaitDone(farm.jdbi(), "warmup");

            submit(config, tick, "tick");
            awaitRunning(farm.jdbi(), "tick");
            Viewers latency = new Viewers(base + "/jobs/tick/tasks/" + target + "/log/events", viewers);
            latency.await(Duration.ofMinutes(3));
            System.out.printf("phase 1: one line per 100 ms, %d viewers, %d lines received in all%n",
                    viewers, latency.latenciesMs.size());
            List<Double> l = new ArrayList<>(latency.latenciesMs);
            System.out.printf("  printed→received   p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    pct(l, 50), pct(l, 95), pct(l, 99), pct(l, 100));
            System.out.printf("  gaps or repeats: %d%n", latency.misordered.get());
            System.out.printf("  lines later than 150 ms: %d %s%n", latency.slowLines.size(),
                    latency.slowLines.stream().sorted().limit(12).toList());
            awaitDone(farm.jdbi(), "tick");

            HeapSampler heap = new HeapSampler();
            heap.start();
            submit(config, flood, "flood");
            awaitRunning(farm.jdbi(), "flood");
            long floodStart = System.nanoTime();
            var threads = ManagementFactory.getThreadMXBean();
            java.util.Map<Long, Long> cpuBefore = new java.util.HashMap<>();
            for (long tid : threads.getAllThreadIds()) cpuBefore.put(tid, threads.getThreadCpuTime(tid));
            Viewers floodViewers = new Viewers(base + "/jobs/flood/tasks/" + target + "/log/events", floodViewerCount);
            awaitDone(farm.jdbi(), "flood");
            double buildSeconds = (System.nanoTime() - floodStart) / 1e9;
            long buildEnded = System.nanoTime();
            floodViewers.await(Duration.ofMinutes(5));
            // Where this JVM's CPU went during the flood, by thread-name prefix (digits dropped).
            java.util.Map<String, Double> byName = new java.util.TreeMap<>();
            for (long tid : threads.getAllThreadIds()) {
                var info = threads.getThreadInfo(tid);
                long cpu = threads.getThreadCpuTime(tid) - cpuBefore.getOrDefault(tid, 0L);
                if (info != null && cpu > 0) byName.merge(info.getThreadName().replaceAll("[-\\d]+$", ""), cpu / 1e9, Double::sum);
            }
            double catchUp = (floodViewers.lastEndNanos.get() - buildEnded) / 1e9;
            heap.stopSampling();
            long logBytes = Files.size(config.resultsDir().resolve("flood").resolve(target).resolve("build.log"));
            int attempts = farm.jdbi().withHandle(h -> h.createQuery(
                            "SELECT count(*) FROM attempt a JOIN task t ON t.id = a.task_id JOIN job j ON j.id = t.job_id WHERE j.uuid = 'flood'")
                    .mapTo(Integer.class)
                    .one());
            List<Double> fl = new ArrayList<>(floodViewers.latenciesMs);
            System.out.printf("phase 2: 50 MB/s for 10 s, %d viewers%n", floodViewerCount);
            System.out.printf("  baseline: the same perl to /dev/null   %.1f s%n", baselineSeconds);
            System.out.printf("  farm: build started→result stored       %.1f s  (%.2fx baseline)%n", buildSeconds, buildSeconds / baselineSeconds);
            System.out.printf("  log stored: %.1f MB, attempts: %d%n", logBytes / 1e6, attempts);
            System.out.printf("  controller heap used: max %.0f MB, max after GC %.0f MB (max heap %.0f MB)%n",
                    heap.maxUsed / 1e6, heap.maxAfterGc() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
            if (floodViewerCount > 0) {
            System.out.printf("  viewer lag (batch printed→received)  p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                    pct(fl, 50), pct(fl, 99), pct(fl, 100));
            System.out.printf("  viewers finished %.1f s after the build ended; gaps or repeats: %d%n",
                    catchUp, floodViewers.misordered.get());
            }
            System.out.print("  CPU seconds in this JVM by thread:");
            byName.entrySet().stream().filter(e -> e.getValue() > 0.2)
                    .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> System.out.printf(" %s %.1f;", e.getKey(), e.getValue()));
            System.out.println();
        }
    }

    /** N viewers of one task's SSE stream, each checking order and recording latency of TICK lines. */
    static final class Viewers {
        final ConcurrentLinkedQueue<Double> latenciesMs = new ConcurrentLinkedQueue<>();
        // Lines later than 150 ms, as "printed-at+latency", to match against the controller's log.
        final ConcurrentLinkedQueue<String> slowLines = new ConcurrentLinkedQueue<>();
        final AtomicLong misordered = new AtomicLong();
        final AtomicLong lastEndNanos = new AtomicLong();
        final CountDownLatch done;

        Viewers(String url, int n) {
            done = new CountDownLatch(n);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> view(client, url), "viewer-" + i);
                t.setDaemon(true);
                t.start();
            }
        }

        private void view(HttpClient client, String url) {
            try {
                long lastEventId = 0;
                long lastNumber = 0;
                // A stream ends with "event: end"; a dropped one resumes from its Last-Event-ID.
                while (true) {
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url));
                    if (lastEventId > 0) req.header("Last-Event-ID", Long.toString(lastEventId));
                    HttpResponse<java.io.InputStream> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
                    boolean ended = false;
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8), 1 << 16)) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (line.startsWith("data: TICK ")) {
                                Instant now = Instant.now();
                                String[] f = line.substring(11).split(" ");
                                double printed = Double.parseDouble(f[0]);
                                double received = now.getEpochSecond() + now.getNano() / 1e9;
                                latenciesMs.add((received - printed) * 1000);
                                if (received - printed > 0.15) slowLines.add(String.format("%.3f+%.0fms", printed, (received - printed) * 1000));
                                long number = Long.parseLong(f[2]);
                                if (number != lastNumber + 1) misordered.incrementAndGet();
                                lastNumber = number;
                            } else if (line.startsWith("id: ")) {
                                lastEventId = Long.parseLong(line.substring(4).trim());
                            } else if (line.startsWith("event: end")) {
                                ended = true;
                            }
                        }
                    }
                    if (ended) break;
                }
            } catch (Exception e) {
                System.out.println("viewer failed: " + e);
            } finally {
                lastEndNanos.accumulateAndGet(System.nanoTime(), Math::max);
                done.countDown();
            }
        }

        void await(Duration max) throws InterruptedException {
            if (done.getCount() > 0 && !done.await(max.toMillis(), TimeUnit.MILLISECONDS)) throw new IllegalStateException("viewers did not finish");
        }
    }

    /** Samples heap use of this JVM (the controller runs in it) every 50 ms. */
    static final class HeapSampler extends Thread {
        volatile boolean running = true;
        volatile long maxUsed;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                maxUsed = Math.max(maxUsed, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long maxAfterGc() {
            long max = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    max += pool.getCollectionUsage().getUsed();
                }
            }
            return max;
        }

        void stopSampling() {
            running = false;
        }
    }

    static void submit(ControllerConfig config, Path srpm, String id) {
        int exit = PkgforgeCli.run("submit", "-B", "bench-" + id, "-p", "el9", "--id", id, "--target",
                config.dropDir().toString(), srpm.toString());
        if (exit != 0) throw new IllegalStateException("submit failed: " + exit);
    }

    static void awaitRunning(Jdbi jdbi, String id) throws InterruptedException {
        awaitQuery(jdbi, id, "SELECT count(*) FROM attempt a JOIN task t ON t.id = a.task_id JOIN job j ON j.id = t.job_id"
                + " WHERE j.uuid = :id AND a.started_at IS NOT NULL");
    }

    static void awaitDone(Jdbi jdbi, String id) throws InterruptedException {
        awaitQuery(jdbi, id, "SELECT count(*) FROM task t JOIN job j ON j.id = t.job_id WHERE j.uuid = :id"
                + " AND t.status NOT IN ('needs_build', 'building')");
    }

    static void awaitQuery(Jdbi jdbi, String id, String sql) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            int n = jdbi.withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(Integer.class).one());
            if (n > 0) return;
            Thread.sleep(10);
        }
        throw new IllegalStateException(id + ": timed out waiting for " + sql);
    }

    static Path srpm(Path dir, String name, String spec) throws Exception {
        Files.createDirectories(dir);
        Path specFile = Files.writeString(dir.resolve(name + ".spec"), spec);
        sh(List.of("rpmbuild", "-bs", "--define", "_topdir " + dir.resolve("top"), specFile.toString()));
        try (var f = Files.walk(dir.resolve("top"))) {
            return f.filter(p -> p.toString().endsWith(".src.rpm")).findFirst().orElseThrow();
        }
    }

    static String sh(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(cmd + ": " + out);
        return out;
    }

    static double pct(List<Double> v, int p) {
        if (v.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.max(0, Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1)));
    }
}
