package org.pkgforge.controller.incoming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.protocol.job.JobFormatException;
import org.pkgforge.protocol.job.JobIds;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobValidator;
import org.pkgforge.protocol.job.ManifestCodec;
import org.pkgforge.protocol.job.ManifestPackage;
import org.pkgforge.protocol.job.ValidatedJob;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.row.NewJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one job directory out of the drop directory: copies it into a staging area the farm owns
 * (so the submitter cannot change it after validation), validates the copy as data, then moves it
 * into the accepted store and registers it in one transaction. A rejected job is recorded with its
 * reason and moved to the rejected area with a REASON file; nothing is deleted unread.
 */
public final class IncomingProcessor {
    private static final Logger log = LoggerFactory.getLogger(IncomingProcessor.class);
    private static final String MANIFEST = "build.yml";

    /** What happened to one entry. */
    public enum Outcome {
        REGISTERED,
        REJECTED,
        /** Not valid yet and still inside the grace period: looked at again on a later pass. */
        WAITING,
        IGNORED
    }

    private final ControllerConfig config;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Consumer<Long> onRegistered;
    private final JobRegistrar registrar = new JobRegistrar();

    public IncomingProcessor(ControllerConfig config, Jdbi jdbi, Clock clock, Consumer<Long> onRegistered) {
        this.config = config;
        this.jdbi = jdbi;
        this.clock = clock;
        this.onRegistered = onRegistered;
    }

    /** Processes every entry of the drop directory once, oldest first. */
    public synchronized void processAll() throws IOException {
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

    public synchronized Outcome process(Path entry) throws IOException {
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return Outcome.IGNORED;
        }
        return handle(entry, ownerOf(entry), true).outcome();
    }

    /** What became of an entry, with the rejection reason for channels that report it back. */
    public record Result(Outcome outcome, String jobId, String reason) {}

    /**
     * Processes a job a channel has committed whole on behalf of a known submitter (the SFTP
     * commit, the web form): no grace period, and the reason comes back to the caller. The same
     * validation and registration as the drop directory.
     */
    public synchronized Result processCommitted(Path entry, String submitter) throws IOException {
        return handle(entry, submitter, false);
    }

    private Result handle(Path entry, String submitter, boolean graceful) throws IOException {
        String name = entry.getFileName().toString();
        if (name.startsWith(".") || !Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return new Result(Outcome.IGNORED, null, null);
        }
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            String what = Files.isSymbolicLink(entry) ? "a symbolic link" : "not a directory";
            return reject(entry, null, submitter, name + " is " + what + "; a job is a directory holding build.yml");
        }
        if (!JobIds.isValid(name)) {
            return reject(
                    entry,
                    null,
                    submitter,
                    "job id '" + name + "' is invalid: only A-Z a-z 0-9 _ . - allowed, at most 50 characters");
        }
        if (jdbi.withHandle(h -> h.attach(JobDao.class).findByUuid(name)).isPresent()) {
            return reject(entry, null, submitter, "job id '" + name + "' was already used; ids are never reused");
        }
        Path staging = config.acceptedDir().resolve(".staging-" + name + "-" + UUID.randomUUID());
        try {
            ValidatedJob job = stageAndValidate(entry, name, staging, submitter);
            return register(entry, name, staging, job, submitter);
        } catch (JobFormatException e) {
            if (graceful && age(entry).compareTo(config.waitForJob()) < 0) {
                log.info("job {} not valid yet ({}); waiting up to {}", name, e.reason(), config.waitForJob());
                return new Result(Outcome.WAITING, name, e.reason());
            }
            return reject(entry, name, submitter, e.reason());
        } catch (Rejection e) {
            return reject(entry, name, submitter, e.reason());
        } finally {
            Trees.deleteRecursively(staging);
        }
    }

    private ValidatedJob stageAndValidate(Path entry, String name, Path staging, String submitter)
            throws IOException, JobFormatException {
        Path manifestFile = entry.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new JobFormatException(MANIFEST + " is missing (or not a regular file)");
        }
        JobManifest manifest = ManifestCodec.read(manifestFile);
        if (manifest.id() != null && !manifest.id().equals(name)) {
            throw new JobFormatException(
                    "the job directory '" + name + "' does not match id '" + manifest.id() + "' in build.yml");
        }
        Files.createDirectories(staging);
        for (ManifestPackage p : manifest.packages()) {
            Path source = entry.resolve(p.file()).normalize();
            if (!source.getParent().equals(entry) || Files.isSymbolicLink(source)) {
                throw new JobFormatException(p.file() + ": must be a plain file in the job directory, not a link");
            }
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new JobFormatException(p.file() + ": listed in build.yml but not in the job directory");
            }
            Files.copy(source, staging.resolve(p.file()), LinkOption.NOFOLLOW_LINKS);
        }
        long subtime = changeTime(entry).toEpochMilli() / 1000;
        ManifestCodec.write(manifest.withSubmitter(submitter, subtime), staging.resolve(MANIFEST));
        ValidatedJob job = JobValidator.validate(staging);
        // Rewritten from the validated manifest: jobs from the original client gain their sha256.
        ManifestCodec.write(job.manifest(), staging.resolve(MANIFEST));
        return job;
    }

    private Result register(Path entry, String name, Path staging, ValidatedJob job, String submitter)
            throws IOException, Rejection {
        Path accepted = config.acceptedDir().resolve(name);
        if (Files.exists(accepted, LinkOption.NOFOLLOW_LINKS)) {
            throw new Rejection("job id '" + name + "' was already used; ids are never reused");
        }
        JobRegistrar.Registration registration;
        try {
            registration = jdbi.inTransaction(h -> {
                JobRegistrar.Registration r = registrar.register(h, job, submitter);
                // Inside the transaction: if the move fails nothing is registered.
                Files.move(staging, accepted, StandardCopyOption.ATOMIC_MOVE);
                return r;
            });
        } catch (Rejection | IOException e) {
            throw e;
        } catch (Exception e) {
            // The commit failed after the move: drop the orphan, the drop copy is processed again.
            Trees.deleteRecursively(accepted);
            throw new IOException("could not register job " + name + ": " + e.getMessage(), e);
        }
        Trees.deleteRecursively(entry);
        log.info(
                "job {} from {} registered: {} task(s), {} skipped target(s){}",
                name,
                submitter,
                registration.tasks(),
                registration.skipped(),
                registration.notes() == null ? "" : "; " + registration.notes());
        onRegistered.accept(registration.jobId());
        return new Result(Outcome.REGISTERED, name, null);
    }

    /** Records the rejection (when the id can be recorded) and moves the entry aside with a REASON file. */
    private Result reject(Path entry, String recordableId, String submitter, String reason) throws IOException {
        log.warn("rejected {}: {}", entry.getFileName(), reason);
        if (recordableId != null) {
            jdbi.useHandle(h -> h.attach(JobDao.class)
                    .insert(new NewJob(
                            recordableId, "", submitter, "invalid", reason, List.of(), List.of(), List.of(), 0)));
        }
        Files.createDirectories(config.rejectedDir());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(clock.instant());
        Path target = config.rejectedDir()
                .resolve(entry.getFileName() + "." + stamp + "."
                        + UUID.randomUUID().toString().substring(0, 8));
        Trees.move(entry, target);
        Path reasonFile = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                ? target.resolve("REASON")
                : target.resolveSibling(target.getFileName() + ".REASON");
        Files.writeString(reasonFile, reason + "\n");
        return new Result(Outcome.REJECTED, recordableId, reason);
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
}
