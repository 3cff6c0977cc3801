package org.pkgforge.controller.incoming;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.protocol.job.JobFormatException;
import org.pkgforge.protocol.job.JobIds;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobValidator;
import org.pkgforge.protocol.job.ManifestCodec;
import org.pkgforge.protocol.job.ValidatedJob;
import org.pkgforge.sql.dao.JobDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one job directory in: validates it as data where the submitter cannot change it (see
 * {@link Staging}), then moves it into the accepted store and registers it in one transaction. A
 * rejected job is recorded with its reason and moved to the rejected area; nothing is deleted unread.
 *
 * <p>Jobs are validated on a small pool, one thread per core: commits of different jobs run in
 * parallel, and fifty at once queue instead of thrashing. The drop directory is still one pass at
 * a time, so none of its entries is processed twice; a job id committed twice at once is
 * registered once, because registration inserts the id only if it is new.
 */
public final class IncomingProcessor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IncomingProcessor.class);
    private static final String MANIFEST = Staging.MANIFEST;

    /** What happened to one entry. */
    public enum Outcome {
        REGISTERED,
        REJECTED,
        /** Not valid yet and still inside the grace period: looked at again on a later pass. */
        WAITING,
        IGNORED
    }

    /** What became of an entry, with the rejection reason for channels that report it back. */
    public record Result(Outcome outcome, String jobId, String reason) {}

    private final ControllerConfig config;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Consumer<Long> onRegistered;
    private final JobRegistrar registrar = new JobRegistrar();
    private final RejectedArea rejected;
    private final ExecutorService validators;
    private final Object dropDirectoryPass = new Object();

    public IncomingProcessor(ControllerConfig config, Jdbi jdbi, Clock clock, Consumer<Long> onRegistered) {
        this(config, jdbi, clock, onRegistered, Runtime.getRuntime().availableProcessors());
    }

    public IncomingProcessor(
            ControllerConfig config, Jdbi jdbi, Clock clock, Consumer<Long> onRegistered, int validatorThreads) {
        this.config = config;
        this.jdbi = jdbi;
        this.clock = clock;
        this.onRegistered = onRegistered;
        this.rejected = new RejectedArea(config.rejectedDir(), jdbi, clock);
        AtomicInteger threads = new AtomicInteger();
        this.validators = Executors.newFixedThreadPool(Math.max(1, validatorThreads), r -> {
            Thread t = new Thread(r, "incoming-validator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Processes every entry of the drop directory once, oldest first. */
    public void processAll() throws IOException {
        synchronized (dropDirectoryPass) {
            Files.createDirectories(config.dropDir());
            List<Path> entries;
            try (var stream = Files.list(config.dropDir())) {
                entries = stream.filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted((a, b) -> changeTime(a).compareTo(changeTime(b)))
                        .toList();
            }
            for (Path entry : entries) {
                try {
                    process(entry);
                } catch (IOException | RuntimeException e) {
                    // One broken entry (or a registry hiccup) must not stop the others; retried next pass.
                    log.error("could not process incoming entry {}", entry, e);
                }
            }
        }
    }

    /** Processes one drop-directory entry (with the grace period), owned by whoever wrote it. */
    public Outcome process(Path entry) throws IOException {
        synchronized (dropDirectoryPass) {
            if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                return Outcome.IGNORED;
            }
            long queued = System.nanoTime();
            return onValidator(() -> handle(entry, ownerOf(entry), Staging.COPY, true, queued))
                    .outcome();
        }
    }

    /**
     * Processes a job a channel has committed whole on behalf of a known submitter (the SFTP
     * commit, the web form): no grace period, and the reason comes back to the caller. The entry
     * must already be out of the submitter's reach (renamed into a directory only the farm can
     * write, no file open for writing): it is validated in place, not copied. The same validation
     * and registration as the drop directory otherwise.
     */
    public Result processCommitted(Path entry, String submitter) throws IOException {
        long queued = System.nanoTime();
        return onValidator(() -> handle(entry, submitter, Staging.IN_PLACE, false, queued));
    }

    /**
     * Runs at start-up, before the first pass: removes the staging copies a stopped controller
     * left (their drop-directory entries are still there and are processed again).
     */
    public void recoverInterrupted() throws IOException {
        if (!Files.isDirectory(config.acceptedDir())) {
            return;
        }
        try (var stream = Files.list(config.acceptedDir())) {
            for (Path p : (Iterable<Path>) stream::iterator) {
                if (p.getFileName().toString().startsWith(Staging.STAGING_PREFIX)) {
                    log.info("removing {}, a staging copy left by an interrupted pass", p.getFileName());
                    Trees.deleteRecursively(p);
                }
            }
        }
    }

    /**
     * Moves {@code accepted/<jobId>} to {@code target} if no job holds the id: a controller stopped
     * between renaming a committed job there and committing its registration, and that directory
     * is the job's only copy. Returns whether it moved it.
     */
    public boolean reclaimUnregistered(String jobId, Path target) throws IOException {
        Path accepted = config.acceptedDir().resolve(jobId);
        if (!JobIds.isValid(jobId)
                || !Files.isDirectory(accepted, LinkOption.NOFOLLOW_LINKS)
                || jdbi.withHandle(h -> h.attach(JobDao.class).findByUuid(jobId))
                        .isPresent()) {
            return false;
        }
        Files.move(accepted, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /**
     * Waits for a validator. If the caller gives up (its client went away), the job is still
     * processed to the end: it is already out of the submitter's reach and must not be stranded.
     */
    private Result onValidator(Callable<Result> work) throws IOException {
        var running = validators.submit(work);
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the job to be processed");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("processing failed: " + e.getCause(), e.getCause());
        }
    }

    private Result handle(Path entry, String submitter, Staging staging, boolean graceful, long queued)
            throws IOException {
        String name = entry.getFileName().toString();
        if (name.startsWith(".") || !Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return new Result(Outcome.IGNORED, null, null);
        }
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            String what = Files.isSymbolicLink(entry) ? "a symbolic link" : "not a directory";
            return rejected.reject(
                    entry, null, submitter, name + " is " + what + "; a job is a directory holding build.yml");
        }
        if (!JobIds.isValid(name)) {
            return rejected.reject(
                    entry,
                    null,
                    submitter,
                    "job id '" + name + "' is invalid: only A-Z a-z 0-9 _ . - allowed, at most 50 characters");
        }
        if (jdbi.withHandle(h -> h.attach(JobDao.class).findByUuid(name)).isPresent()) {
            return rejected.reject(entry, null, submitter, alreadyUsed(name));
        }
        long started = System.nanoTime();
        Path prepared = null;
        try {
            JobManifest manifest = readManifest(entry, name, staging);
            prepared = staging.prepare(entry, manifest, config.acceptedDir());
            ValidatedJob job = JobValidator.validate(prepared);
            long subtime = changeTime(entry).toEpochMilli() / 1000;
            staging.finish(prepared, job.manifest().withSubmitter(submitter, subtime));
            return register(entry, name, prepared, job, submitter, new Timing(queued, started, System.nanoTime()));
        } catch (JobFormatException e) {
            if (graceful && age(entry).compareTo(config.waitForJob()) < 0) {
                log.info("job {} not valid yet ({}); waiting up to {}", name, e.reason(), config.waitForJob());
                return new Result(Outcome.WAITING, name, e.reason());
            }
            return rejected.reject(entry, name, submitter, e.reason());
        } catch (Rejection e) {
            return rejected.reject(entry, e.recordable() ? name : null, submitter, e.reason());
        } finally {
            if (prepared != null) {
                staging.cleanUp(prepared);
            }
        }
    }

    private static JobManifest readManifest(Path entry, String name, Staging staging)
            throws IOException, JobFormatException {
        Path manifestFile = entry.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new JobFormatException(MANIFEST + " is missing (or not a regular file)");
        }
        staging.guard(manifestFile, MANIFEST);
        JobManifest manifest = ManifestCodec.read(manifestFile);
        if (manifest.id() != null && !manifest.id().equals(name)) {
            throw new JobFormatException(
                    "the job directory '" + name + "' does not match id '" + manifest.id() + "' in build.yml");
        }
        return manifest;
    }

    /**
     * When (System.nanoTime) a job was handed in, taken up by a validator and validated: the log
     * line of each registration says where its time went.
     */
    private record Timing(long queued, long started, long validated) {
        @Override
        public String toString() {
            long now = System.nanoTime();
            return "waited " + millis(started - queued) + " ms for a validator, validated in "
                    + millis(validated - started) + " ms, registered in " + millis(now - validated) + " ms";
        }

        private static long millis(long nanos) {
            return nanos / 1_000_000;
        }
    }

    private Result register(Path entry, String name, Path prepared, ValidatedJob job, String submitter, Timing timing)
            throws IOException, Rejection {
        Path accepted = config.acceptedDir().resolve(name);
        boolean[] moved = {false};
        JobRegistrar.Registration registration;
        try {
            registration = jdbi.inTransaction(h -> {
                JobRegistrar.Registration r = registrar.register(h, job, submitter);
                if (Files.exists(accepted, LinkOption.NOFOLLOW_LINKS)) {
                    // This transaction holds the id, so no registered job owns that directory: a
                    // controller stopped between moving a job there and committing its registration.
                    rejected.setAside(
                            accepted,
                            "left by a registration that never completed; job " + name
                                    + " was submitted again and registered");
                }
                // Inside the transaction: if the move fails nothing is registered.
                Files.move(prepared, accepted, StandardCopyOption.ATOMIC_MOVE);
                moved[0] = true;
                return r;
            });
        } catch (Rejection | IOException e) {
            throw e;
        } catch (Exception e) {
            if (moved[0]) {
                // The commit failed after the move: the job goes back to be processed again.
                Files.move(accepted, prepared, StandardCopyOption.ATOMIC_MOVE);
            }
            throw new IOException("could not register job " + name + ": " + e.getMessage(), e);
        }
        Trees.deleteRecursively(entry);
        log.info(
                "job {} from {} registered: {} task(s), {} skipped target(s){}; {}",
                name,
                submitter,
                registration.tasks(),
                registration.skipped(),
                registration.notes() == null ? "" : "; " + registration.notes(),
                timing);
        onRegistered.accept(registration.jobId());
        return new Result(Outcome.REGISTERED, name, null);
    }

    static String alreadyUsed(String name) {
        return "job id '" + name + "' was already used; ids are never reused";
    }

    private Duration age(Path entry) {
        return Duration.between(changeTime(entry), clock.instant());
    }

    private static Instant changeTime(Path p) {
        try {
            // ctime, as the original: a user cannot set it back to dodge the grace period.
            Object ctime = Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            return ((java.nio.file.attribute.FileTime) ctime).toInstant();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .lastModifiedTime()
                        .toInstant();
            } catch (IOException ignored) {
                return Instant.EPOCH;
            }
        }
    }

    private static String ownerOf(Path p) {
        try {
            return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Lets running validations finish (they hold jobs out of their submitters' reach), briefly. */
    @Override
    public void close() throws InterruptedException {
        validators.shutdown();
        if (!validators.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("incoming validators still busy after 30 s; the next start-up recovers their jobs");
            validators.shutdownNow();
        }
    }
}
