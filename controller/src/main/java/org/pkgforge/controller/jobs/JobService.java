package org.pkgforge.controller.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.results.ResultStore;
import org.pkgforge.protocol.job.JobIds;
import org.pkgforge.sql.dao.JobControlDao;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.ArtifactRow;
import org.pkgforge.sql.row.CancelledAttempt;
import org.pkgforge.sql.row.JobRow;
import org.pkgforge.sql.row.Platform;
import org.pkgforge.sql.row.TaskRow;

/** What users ask about jobs, for every edge (SSH commands now; the web and REST later). */
public final class JobService {
    private static final Set<String> OPEN_TASK_STATES = Set.of("needs_build", "building");
    private static final int LIST_WINDOW = 500;

    /** One target of a job. */
    public record Target(String target, String status, int attempts, String reason) {}

    /**
     * A file of a finished target a user may download: a verified product (with its SHA-256) or
     * the build log ({@code sha256} null: it is not checksummed, and grows while the build runs).
     */
    public record Artifact(String target, String file, long size, String sha256) {
        public boolean isLog() {
            return sha256 == null;
        }
    }

    /** A job and its targets; {@code finished} once no target is waiting or building. */
    public record JobStatus(
            String id,
            String bucket,
            String submitter,
            String status,
            String reason,
            List<Target> targets,
            List<String> skipped,
            boolean finished) {
        /** 0 when every target built, else {@link Failure#BUILD_FAILED}. */
        public int exitCode() {
            return "success".equals(status) ? 0 : Failure.BUILD_FAILED;
        }
    }

    private final Jdbi jdbi;
    private final ResultStore results;
    private final Consumer<CancelledAttempt> stopBuild;

    /** Outside a running controller: a cancelled build stops at its agent's next heartbeat. */
    public JobService(Jdbi jdbi, ResultStore results) {
        this(jdbi, results, attempt -> {});
    }

    /** {@code stopBuild} tells the agent running a cancelled attempt to stop at once. */
    public JobService(Jdbi jdbi, ResultStore results, Consumer<CancelledAttempt> stopBuild) {
        this.jdbi = jdbi;
        this.results = results;
        this.stopBuild = stopBuild;
    }

    public JobStatus status(String id) throws Failure {
        JobRow job = find(id);
        return jdbi.withHandle(h -> {
            TaskDao tasks = h.attach(TaskDao.class);
            List<TaskRow> rows = tasks.forJob(job.id());
            List<String> skipped = tasks.skippedForJob(job.id()).stream()
                    .map(s -> s.platform() + "-" + s.arch() + ": " + s.reason())
                    .toList();
            boolean open = rows.stream().anyMatch(t -> OPEN_TASK_STATES.contains(t.status()));
            boolean finished = !open && !"incoming".equals(job.status());
            return new JobStatus(
                    job.uuid(),
                    job.bucket(),
                    job.submitter(),
                    job.status(),
                    job.reason(),
                    rows.stream()
                            .map(t -> new Target(t.target(), t.status(), t.attempts(), t.reason()))
                            .toList(),
                    skipped,
                    finished);
        });
    }

    /** Newest first; {@code submitter} and {@code state} filter when present. */
    public List<JobRow> list(Optional<String> submitter, Optional<String> state, int limit) {
        return jdbi.withExtension(JobDao.class, jobs -> jobs.newest(LIST_WINDOW, 0)).stream()
                .filter(j -> submitter.isEmpty() || submitter.get().equals(j.submitter()))
                .filter(j -> state.isEmpty() || state.get().equalsIgnoreCase(j.status()))
                .limit(limit)
                .toList();
    }

    /**
     * Cancels the waiting and the building targets of {@code user}'s job (admins: any job); the
     * agents running the building ones are told to kill them. Returns how many were cancelled.
     */
    public int cancel(String user, boolean admin, String id) throws Failure {
        JobRow job = owned(user, admin, id);
        String reason = "cancelled by " + user;
        record Cancelled(int waiting, List<CancelledAttempt> running) {}
        Cancelled cancelled = jdbi.inTransaction(h -> {
            JobControlDao c = h.attach(JobControlDao.class);
            return new Cancelled(c.cancelWaiting(job.id(), reason), c.cancelRunning(job.id(), reason));
        });
        // After the commit: the agent may only be stopped once its attempt is no longer current.
        cancelled.running().forEach(stopBuild);
        int n = cancelled.waiting() + cancelled.running().size();
        if (n == 0) {
            throw new Failure(Failure.SERVER, "job " + id + " has no waiting or building target to cancel");
        }
        return n;
    }

    /** Queues failed or cancelled targets again: all, or the one named ({@code el9-x86_64}). */
    public int retry(String user, boolean admin, String id, Optional<String> target) throws Failure {
        JobRow job = owned(user, admin, id);
        int n = jdbi.withExtension(JobControlDao.class, c -> c.retryFinished(job.id(), target.orElse(null)));
        if (n == 0) {
            throw new Failure(
                    Failure.SERVER,
                    "job " + id + " has no failed or cancelled target"
                            + target.map(t -> " " + t).orElse("") + " to retry");
        }
        return n;
    }

    private JobRow owned(String user, boolean admin, String id) throws Failure {
        JobRow job = find(id);
        if (!admin && !user.equals(job.submitter())) {
            throw new Failure(Failure.AUTH, "job " + id + " was submitted by " + job.submitter() + ", not by you");
        }
        return job;
    }

    public List<Platform> platforms() {
        return jdbi.withExtension(PlatformDao.class, PlatformDao::active);
    }

    /** The current attempt's build log of one target ({@code el9-x86_64}), or of the only target. */
    public Path log(String id, Optional<String> target) throws Failure {
        JobStatus job = status(id);
        List<String> names = job.targets().stream().map(Target::target).toList();
        String chosen;
        if (target.isPresent()) {
            if (!names.contains(target.get())) {
                throw new Failure(Failure.USAGE, "job " + id + " has no target " + target.get() + "; it has " + names);
            }
            chosen = target.get();
        } else if (names.size() == 1) {
            chosen = names.get(0);
        } else {
            throw new Failure(Failure.USAGE, "job " + id + " has several targets; choose one of " + names);
        }
        Path log = results.logFile(job.id(), chosen);
        if (!Files.isRegularFile(log)) {
            throw new Failure(Failure.SERVER, "no log yet for " + id + " " + chosen);
        }
        return log;
    }

    /**
     * What {@code download} fetches: the verified products of each target's current attempt,
     * then each target's build log; only {@code target}'s when given.
     */
    public List<Artifact> artifacts(String id, Optional<String> target) throws Failure {
        JobRow job = find(id);
        List<TaskRow> tasks = jdbi.withExtension(TaskDao.class, t -> t.forJob(job.id()));
        if (target.isPresent() && tasks.stream().noneMatch(t -> t.target().equals(target.get()))) {
            throw new Failure(
                    Failure.USAGE,
                    "job " + id + " has no target " + target.get() + "; it has "
                            + tasks.stream().map(TaskRow::target).toList());
        }
        List<Artifact> found = new ArrayList<>();
        for (ArtifactRow a : jdbi.withExtension(TaskDao.class, t -> t.artifactsOfJob(job.id()))) {
            if (target.isEmpty() || target.get().equals(a.target())) {
                found.add(new Artifact(a.target(), a.file(), a.size(), a.sha256sum()));
            }
        }
        for (TaskRow t : tasks) {
            Path log = results.logFile(job.uuid(), t.target());
            if ((target.isEmpty() || target.get().equals(t.target())) && ResultStore.isRegularFile(log)) {
                found.add(new Artifact(t.target(), log.getFileName().toString(), size(log), null));
            }
        }
        return found;
    }

    /**
     * The stored file behind one of {@link #artifacts}: names are looked up in that list, never
     * resolved as paths, so nothing else under the results tree can be asked for.
     */
    public Path artifactFile(String id, String target, String file) throws Failure {
        Artifact wanted = artifacts(id, Optional.of(target)).stream()
                .filter(a -> a.file().equals(file))
                .findFirst()
                .orElseThrow(() -> new Failure(
                        Failure.USAGE,
                        "job " + id + " " + target + " has no file " + file.replaceAll("\\p{Cntrl}", "?")));
        Path path = results.targetDir(id, wanted.target()).resolve(wanted.file());
        if (!ResultStore.isRegularFile(path)) {
            throw new Failure(Failure.SERVER, "the stored file " + file + " of " + id + " " + target + " is missing");
        }
        return path;
    }

    public static long size(Path file) throws Failure {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new Failure(Failure.SERVER, "cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private JobRow find(String id) throws Failure {
        if (!JobIds.isValid(id)) {
            throw new Failure(Failure.USAGE, "not a job id: " + id.replaceAll("\\p{Cntrl}", "?"));
        }
        return jdbi.withExtension(JobDao.class, jobs -> jobs.findByUuid(id))
                .orElseThrow(() -> new Failure(Failure.SERVER, "no job " + id));
    }
}
