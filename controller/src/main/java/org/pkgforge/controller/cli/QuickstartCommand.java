package org.pkgforge.controller.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.JobRow;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.submit.PkgforgeCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The farm's main job on one machine: its own PostgreSQL, a local agent, the web UI, and the
 * bundled sample package submitted, built and published.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = "Run a one-machine farm, build and publish the bundled sample, keep serving.")
final class QuickstartCommand implements Callable<Integer> {
    static final String PLATFORM = "el9";

    @Option(names = "--state-dir", description = "Default: ./.pkgforge-quickstart")
    Path stateDir = Path.of(".pkgforge-quickstart");

    @Option(names = "--port", description = "Web UI port (0: any free port). Default: 8080")
    int port = 8080;

    @Option(names = "--sample", description = "Sample package directory (spec + sources). Default: examples/hello")
    Path sample = Path.of("examples/hello");

    @Option(names = "--once", description = "Exit after the sample is published instead of serving.")
    boolean once;

    @Option(names = "--timeout", description = "Give up waiting for the sample after this many seconds.")
    long timeoutSeconds = 600;

    @Override
    public Integer call() throws Exception {
        Optional<String> missing = Tools.missing(List.of("rpmbuild", "createrepo_c"));
        if (missing.isPresent()) {
            System.err.println(missing.get());
            return 1;
        }
        String arch = Tools.rpmArch();
        ControllerConfig config = ControllerConfig.defaults(stateDir)
                .withWebPort(port)
                .withWaitForJob(Duration.ZERO)
                .withLocalAgent(new ControllerConfig.LocalAgentConfig(
                        "local", 1, List.of(PLATFORM + "/" + arch), Optional.empty()));
        ensurePlatform(config, arch);
        String run = Long.toString(Instant.now().getEpochSecond());
        Path srpm = Tools.buildSampleSrpm(sample, config.stateDir().resolve("sample"), run);
        try (Farm farm = Farm.start(config)) {
            String jobId = "sample-" + run;
            int submitted = PkgforgeCli.run(
                    "submit",
                    "-B",
                    "sample",
                    "-p",
                    PLATFORM,
                    "--id",
                    jobId,
                    "--target",
                    config.dropDir().toString(),
                    "--web-url",
                    farm.webUrl(),
                    srpm.toString());
            if (submitted != 0) {
                return submitted;
            }
            boolean ok = waitForPublished(farm.jdbi(), jobId, Duration.ofSeconds(timeoutSeconds));
            Path repo = config.repoFor("sample", PLATFORM, arch);
            System.out.println();
            System.out.println(
                    ok ? "Sample job " + jobId + " built and published." : "Sample job " + jobId + " did not succeed.");
            System.out.println("  Web UI:     " + farm.webUrl() + "/jobs/" + jobId);
            System.out.println(
                    "  Repository: " + repo.toAbsolutePath() + "  (dnf: baseurl=file://" + repo.toAbsolutePath() + ")");
            System.out.println(
                    "  Drop dir:   " + config.dropDir().toAbsolutePath() + "  (pkgforge submit --target ...)");
            if (once || !ok) {
                return ok ? 0 : 1;
            }
            System.out.println("Serving until Ctrl-C.");
            CountDownLatch forever = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
            forever.await();
            return 0;
        }
    }

    private static void ensurePlatform(ControllerConfig config, String arch) throws IOException {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Jdbi jdbi = org.pkgforge.controller.db.RegistryAccess.adminJdbi(config, resources);
            PlatformDao platforms = jdbi.onDemand(PlatformDao.class);
            if (platforms.find(PLATFORM, arch).isEmpty()) {
                platforms.add(PLATFORM, arch);
            }
            platforms.activate(PLATFORM, arch);
            platforms.setAuto(PLATFORM, arch);
        } finally {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }
    }

    static boolean waitForPublished(Jdbi jdbi, String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Optional<JobRow> job = jdbi.onDemand(JobDao.class).findByUuid(jobId);
            if (job.isPresent()) {
                List<TaskRow> tasks =
                        jdbi.onDemand(TaskDao.class).forJob(job.get().id());
                String now = job.get().status();
                if (!now.equals(last)) {
                    System.out.println("job " + jobId + ": " + now);
                    last = now;
                }
                if (job.get().status().equals("invalid")) {
                    System.out.println("rejected: " + job.get().reason());
                    return false;
                }
                boolean done = !tasks.isEmpty()
                        && tasks.stream()
                                .noneMatch(t -> t.status().equals("needs_build")
                                        || t.status().equals("building"));
                if (done) {
                    boolean success = tasks.stream().allMatch(t -> t.status().equals("success"));
                    if (!success) {
                        tasks.forEach(t -> System.out.println("  " + t.target() + ": " + t.status()
                                + (t.reason() == null ? "" : " (" + t.reason() + ")")));
                        return false;
                    }
                    if (tasks.stream().allMatch(TaskRow::published)) {
                        return true;
                    }
                    Optional<TaskRow> unpublishable = tasks.stream()
                            .filter(t -> t.reason() != null && t.reason().startsWith("publish failed"))
                            .findFirst();
                    if (unpublishable.isPresent()) {
                        System.out.println("  " + unpublishable.get().target() + ": "
                                + unpublishable.get().reason());
                        return false;
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        System.out.println("timed out waiting for job " + jobId);
        return false;
    }
}
