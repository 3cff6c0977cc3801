// Benchmark: a 10-package dependency chain built through the farm against the same builds run
// directly in sequence, measured in the same run. Not part of the test suite.
// Run with BENCH=ChainBench bench/run.sh [RUNS]; see docs/benchmarks.md.
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
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.submit.PkgforgeCli;

public class ChainBench {
    static final int LENGTH = 10;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path work = Files.createTempDirectory("pkgforge-chain");
        List<Path> chain = makeChain(work.resolve("srpms"));
        String arch = sh(List.of("rpm", "--eval", "%{_arch}")).strip();

        // Buckets "chain-nocheck-*" build with checkPolicy off: the direct baseline runs no rpmlint.
        java.util.Map<String, java.util.Map<String, String>> noCheck = new java.util.HashMap<>();
        for (int r = -1; r < runs; r++) {
            noCheck.put("chain-nocheck-" + (r < 0 ? "warmup" : "run" + r), java.util.Map.of("checkPolicy", "off"));
        }
        ControllerConfig config = ControllerConfig.defaults(work.resolve("state"))
                .withBuilds(new org.pkgforge.controller.config.BuildSettings(null, null, noCheck, null, null))
                .withWebPort(0)
                .withWaitForJob(Duration.ZERO)
                .withLocalAgent(new ControllerConfig.LocalAgentConfig("local", 1, List.of("el9/" + arch), Optional.empty()));
        try (Farm setup = Farm.start(config.withLocalAgent(
                new ControllerConfig.LocalAgentConfig("local", 1, List.of(), Optional.empty())))) {
            PlatformDao p = setup.jdbi().onDemand(PlatformDao.class);
            p.add("el9", arch);
            p.activate("el9", arch);
            p.setAuto("el9", arch);
        }
        List<Double> direct = new ArrayList<>();
        List<Double> farmWall = new ArrayList<>();
        List<Double> farmBuild = new ArrayList<>();
        List<Double> farmNoCheck = new ArrayList<>();
        try (Farm farm = Farm.start(config)) {
            // Warm-up: JIT, the agent's connection, the first createrepo_c, the page cache.
            direct(work.resolve("direct-warmup"), chain);
            viaFarm(farm, config, chain, "warmup");
            viaFarm(farm, config, chain, "nocheck-warmup");
            // Interleaved, so drift on this shared machine hits both sides alike.
            for (int r = 0; r < runs; r++) {
                direct.add(direct(work.resolve("direct-" + r), chain));
                double[] farmRun = viaFarm(farm, config, chain, "run" + r);
                farmWall.add(farmRun[0]);
                farmBuild.add(farmRun[1]);
                farmNoCheck.add(viaFarm(farm, config, chain, "nocheck-run" + r)[0]);
            }
        }
        System.out.printf("chain of %d packages (each BuildRequires the previous), %d runs, %d cores%n",
                LENGTH, runs, Runtime.getRuntime().availableProcessors());
        System.out.printf("direct: rpmbuild --rebuild in sequence + createrepo_c   p50 %.0f ms  (runs %s)%n",
                median(direct), rounded(direct));
        System.out.printf("farm: submit → every package published                  p50 %.0f ms  (runs %s)%n",
                median(farmWall), rounded(farmWall));
        System.out.printf("  of which build started → result stored                 p50 %.0f ms%n", median(farmBuild));
        System.out.printf("farm, checkPolicy off (no rpmlint)                      p50 %.0f ms  (runs %s)%n",
                median(farmNoCheck), rounded(farmNoCheck));
        System.out.printf("farm / direct (p50)                                     %.2fx%n", median(farmWall) / median(direct));
        System.out.printf("farm without rpmlint / direct (p50)                     %.2fx%n", median(farmNoCheck) / median(direct));
    }

    /** What a packager does by hand: each build in order, the results installed for the next, then the repository. */
    static double direct(Path dir, List<Path> chain) throws Exception {
        long t0 = System.nanoTime();
        Path db = Files.createDirectories(dir.resolve("rpmdb"));
        Path repo = Files.createDirectories(dir.resolve("repo"));
        sh(List.of("rpm", "--initdb", "--dbpath", db.toString()));
        for (Path srpm : chain) {
            Path top = dir.resolve("top-" + srpm.getFileName());
            sh(List.of("rpmbuild", "--rebuild", "--nodeps", "--define", "_topdir " + top,
                    "--define", "_tmppath " + top.resolve("tmp"), srpm.toString()));
            List<String> install = new ArrayList<>(List.of("rpm", "-i", "--justdb", "--nodeps", "--force-debian",
                    "--dbpath", db.toString()));
            try (var rpms = Files.walk(top.resolve("RPMS"))) {
                for (Path rpm : rpms.filter(f -> f.toString().endsWith(".rpm")).toList()) {
                    install.add(rpm.toString());
                    Files.copy(rpm, repo.resolve(rpm.getFileName()));
                }
            }
            sh(install);
        }
        sh(List.of("createrepo_c", "--quiet", "--no-database", repo.toString()));
        return (System.nanoTime() - t0) / 1e6;
    }

    /** One job with the whole chain; returns {wall ms until published, build phase ms}. */
    static double[] viaFarm(Farm farm, ControllerConfig config, List<Path> chain, String id) throws Exception {
        long t0 = System.nanoTime();
        List<String> submit = new ArrayList<>(List.of("submit", "-B", "chain-" + id, "-p", "el9", "--id", "chain-" + id,
                "--target", config.dropDir().toString()));
        chain.forEach(p -> submit.add(p.toString()));
        if (PkgforgeCli.run(submit.toArray(String[]::new)) != 0) throw new IllegalStateException("submit failed");
        Jdbi jdbi = farm.jdbi();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        String sql = "SELECT count(*) FILTER (WHERE t.published) || '/' || count(*) || '/' "
                + "|| count(*) FILTER (WHERE t.status = 'fail' OR t.reason LIKE 'publish failed%') "
                + "FROM job j JOIN task t ON t.job_id = j.id WHERE j.uuid = :id";
        try (var handle = jdbi.open()) {
            while (System.nanoTime() < deadline) {
                String[] state = handle.createQuery(sql).bind("id", "chain-" + id).mapTo(String.class).one().split("/");
                if (!state[2].equals("0")) throw new IllegalStateException(id + " failed");
                if (!state[1].equals("0") && state[0].equals(state[1])) {
                    double wall = (System.nanoTime() - t0) / 1e6;
                    double build = handle.createQuery("SELECT extract(epoch FROM a.finished_at - a.started_at) * 1000"
                                    + " FROM attempt a JOIN task t ON t.id = a.task_id JOIN job j ON j.id = t.job_id"
                                    + " WHERE j.uuid = :id")
                            .bind("id", "chain-" + id).mapTo(Double.class).one();
                    return new double[] {wall, build};
                }
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException(id + " timed out");
    }

    /** chain0 … chain9: each a small C program whose spec BuildRequires the previous one. */
    static List<Path> makeChain(Path out) throws Exception {
        Files.createDirectories(out);
        List<Path> srpms = new ArrayList<>();
        for (int i = 0; i < LENGTH; i++) {
            Path top = out.resolve("top" + i);
            Path spec = Files.createDirectories(top).resolve("chain" + i + ".spec");
            Files.writeString(spec, String.join("\n",
                    "Name: chain" + i, "Version: 1.0", "Release: 1", "Summary: link " + i + " of a dependency chain",
                    "License: MIT", i == 0 ? "" : "BuildRequires: chain" + (i - 1) + " >= 1.0",
                    "%description", "Benchmark package.",
                    "%build",
                    "printf '#include <stdio.h>\\nint main(void){puts(\"chain" + i + "\");return 0;}\\n' > chain.c",
                    "gcc -O2 -o chain" + i + " chain.c",
                    "%install", "install -D -m 755 chain" + i + " %{buildroot}%{_bindir}/chain" + i,
                    "%files", "%{_bindir}/chain" + i, ""));
            sh(List.of("rpmbuild", "-bs", "--define", "_topdir " + top, "--define", "_srcrpmdir " + out, spec.toString()));
            srpms.add(out.resolve("chain" + i + "-1.0-1.src.rpm"));
        }
        return srpms;
    }

    static String sh(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(cmd + ": " + out);
        return out;
    }

    static String rounded(List<Double> v) {
        return v.stream().map(d -> String.format("%.0f", d)).toList().toString();
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get((s.size() - 1) / 2);
    }
}
