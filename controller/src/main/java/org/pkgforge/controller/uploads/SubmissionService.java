package org.pkgforge.controller.uploads;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.controller.incoming.IncomingProcessor;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.protocol.job.JobFormatException;
import org.pkgforge.protocol.job.JobIds;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.ManifestCodec;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PackageDao;
import org.pkgforge.sql.row.JobRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits an upload: the user's finished upload directory is moved out of their reach (one
 * rename, refused while a file of it is open for writing) and handed to the {@link
 * IncomingProcessor} (the same validation and registration as the drop directory), with the
 * authenticated user as submitter. The job id comes back only once the job is registered.
 * The job id is also the idempotency key: committing the same packages again under an id the same
 * user already got registered returns that job instead of a second one. Commits of one id run
 * one at a time; commits of different ids in parallel.
 */
public final class SubmissionService {
    private static final Logger log = LoggerFactory.getLogger(SubmissionService.class);

    /** The committed job; {@code existing} when a retry found the job already registered. */
    public record Receipt(String jobId, boolean existing) {}

    private final IncomingProcessor incoming;
    private final Jdbi jdbi;
    private final Path committingDir;
    private final OpenUploads openUploads;
    private final CommitLocks locks = new CommitLocks();

    public SubmissionService(IncomingProcessor incoming, Jdbi jdbi, Path committingDir, OpenUploads openUploads) {
        this.incoming = incoming;
        this.jdbi = jdbi;
        this.committingDir = committingDir;
        this.openUploads = openUploads;
    }

    public Receipt commit(String submitter, Path root, String name) throws Failure {
        if (!JobIds.isValid(name)) {
            throw new Failure(
                    Failure.USAGE,
                    "upload name '" + printable(name) + "' is not a job id (A-Z a-z 0-9 _ . -, at most 50)");
        }
        long started = System.nanoTime();
        try (CommitLocks.Held held = locks.hold(name)) {
            Receipt receipt = commitHeld(submitter, root, name);
            log.debug(
                    "commit of {} by {} answered in {} ms", name, submitter, (System.nanoTime() - started) / 1_000_000);
            return receipt;
        } catch (InterruptedException | InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.SERVER, "commit of " + name + " interrupted; run status " + name, e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new Failure(Failure.USAGE, "upload refused: " + e.getFile() + ": " + e.getReason(), e);
        } catch (IOException e) {
            throw new Failure(Failure.SERVER, "could not commit upload " + name + ": " + e.getMessage(), e);
        }
    }

    private Receipt commitHeld(String submitter, Path root, String name) throws IOException, Failure {
        Path dir = root.resolve(name);
        UploadPaths.checkOnDisk(root, dir);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (registered(name).filter(row -> isOwnJob(row, submitter)).isPresent()) {
                // This upload was committed by a commit that ran at the same time (or whose answer
                // was lost), which got the job registered.
                return new Receipt(name, true);
            }
            throw new Failure(Failure.USAGE, "no upload directory '" + name + "' in your upload area");
        }
        checkFiles(root, dir);
        checkComplete(dir, name);
        Optional<JobRow> earlier = registered(name);
        if (earlier.isPresent()) {
            if (isOwnJob(earlier.get(), submitter) && samePackages(earlier.get(), dir)) {
                Trees.deleteRecursively(dir);
                return new Receipt(name, true);
            }
            throw new Failure(Failure.SERVER, "job id '" + name + "' was already used; ids are never reused");
        }
        CommitHolder holder = CommitHolder.create(committingDir, submitter, name);
        Optional<Path> open = openUploads.moveUnlessOpen(dir, holder.entry());
        if (open.isPresent()) {
            Files.delete(holder.dir());
            throw new Failure(
                    Failure.USAGE,
                    "upload " + name + " is incomplete: " + open.get().getFileName()
                            + " is still open for writing; finish the upload and commit again");
        }
        return hand(holder, root.resolve(name));
    }

    /**
     * Has the upload in {@code holder} processed. When it could not be (the registry is down),
     * it goes back to {@code giveBackTo} in the user's area, so that committing again works.
     */
    private Receipt hand(CommitHolder holder, Path giveBackTo) throws IOException, Failure {
        String name = holder.jobId();
        IncomingProcessor.Result result;
        try {
            result = incoming.processCommitted(holder.entry(), holder.user());
        } catch (InterruptedIOException e) {
            // The job is still being processed: leave the holder alone (start-up removes it).
            throw e;
        } catch (IOException | RuntimeException e) {
            giveBack(holder, giveBackTo);
            throw e;
        }
        if (result.outcome() != IncomingProcessor.Outcome.REGISTERED
                && result.outcome() != IncomingProcessor.Outcome.REJECTED) {
            giveBack(holder, giveBackTo);
        }
        if (!Files.exists(holder.entry(), LinkOption.NOFOLLOW_LINKS)) {
            Trees.deleteRecursively(holder.dir()); // otherwise kept for the next start-up
        }
        return switch (result.outcome()) {
            case REGISTERED -> new Receipt(result.jobId(), false);
            case REJECTED -> throw new Failure(Failure.SERVER, "job " + name + " rejected: " + result.reason());
            default -> throw new Failure(Failure.SERVER, "job " + name + " was not registered; commit it again");
        };
    }

    private static void giveBack(CommitHolder holder, Path giveBackTo) throws IOException {
        if (giveBackTo != null
                && Files.exists(holder.entry(), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(giveBackTo, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(holder.entry(), giveBackTo, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * At start-up, before users connect: finishes the commits a stopped controller left in
     * {@code committing/}. An upload still there is processed as its commit would have been
     * (registered, or rejected with the reason recorded under its id, which {@code status} and
     * the web show); one whose registration was cut short after the job was moved into the
     * accepted store is taken back from there. Nothing is left to vanish silently.
     */
    public void recoverInterrupted() throws IOException {
        for (CommitHolder holder : CommitHolder.leftOver(committingDir)) {
            String name = holder.jobId();
            try (CommitLocks.Held held = locks.hold(name)) {
                if (!Files.exists(holder.entry(), LinkOption.NOFOLLOW_LINKS)
                        && incoming.reclaimUnregistered(name, holder.entry())) {
                    log.warn("job {} of {}: registration was interrupted; taking it in again", name, holder.user());
                }
                if (Files.exists(holder.entry(), LinkOption.NOFOLLOW_LINKS)) {
                    log.warn("finishing the interrupted commit of job {} by {}", name, holder.user());
                    finishInterrupted(holder);
                } else {
                    Trees.deleteRecursively(holder.dir());
                }
            } catch (Failure e) {
                log.warn("interrupted commit of job {} by {}: {}", name, holder.user(), e.getMessage());
            } catch (IOException e) {
                // Kept for the next start: one holder the registry cannot take now must not stop the farm.
                log.error("could not finish the interrupted commit of job {} by {}", name, holder.user(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while recovering commits");
            }
        }
    }

    private void finishInterrupted(CommitHolder holder) throws IOException, Failure {
        Optional<JobRow> row = registered(holder.jobId());
        if (row.isPresent() && isOwnJob(row.get(), holder.user()) && samePackages(row.get(), holder.entry())) {
            Trees.deleteRecursively(holder.dir()); // registered before the stop; only the clean-up was left
            return;
        }
        Receipt receipt = hand(holder, null);
        log.info("interrupted commit of job {} by {} registered", receipt.jobId(), holder.user());
    }

    private static String printable(String s) {
        String plain = s.replaceAll("\\p{Cntrl}", "?");
        return plain.length() > 64 ? plain.substring(0, 64) + "..." : plain;
    }

    /** An upload is one directory of plain, singly linked files. */
    private static void checkFiles(Path root, Path dir) throws IOException, Failure {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                UploadPaths.checkOnDisk(root, p);
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new Failure(
                            Failure.USAGE, "upload refused: " + root.relativize(p) + ": only plain files are allowed");
                }
            }
        }
    }

    /**
     * An upload that is still missing files is left where it is (the client resumes and commits
     * again) rather than rejected: an interrupted upload must not use up its job id.
     */
    private static void checkComplete(Path dir, String name) throws IOException, Failure {
        String missing;
        try {
            missing = null;
            JobManifest manifest = ManifestCodec.read(dir.resolve("build.yml"));
            for (var p : manifest.packages()) {
                Path file = dir.resolve(p.file()).normalize();
                if (!file.getParent().equals(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    missing = p.file() + " is missing";
                } else if (Files.size(file) < p.size()) {
                    missing = p.file() + " has " + Files.size(file) + " of " + p.size() + " bytes";
                }
                if (missing != null) {
                    break;
                }
            }
        } catch (JobFormatException e) {
            if (Files.exists(dir.resolve("build.yml"), LinkOption.NOFOLLOW_LINKS)) {
                return; // present but bad: a real rejection, with the validator's reason
            }
            missing = "build.yml is missing";
        }
        if (missing != null) {
            throw new Failure(
                    Failure.USAGE,
                    "upload " + name + " is incomplete: " + missing + "; finish the upload and commit again");
        }
    }

    private Optional<JobRow> registered(String name) {
        return jdbi.withExtension(JobDao.class, jobs -> jobs.findByUuid(name));
    }

    private static boolean isOwnJob(JobRow row, String submitter) {
        return submitter.equals(row.submitter()) && !"invalid".equals(row.status());
    }

    private boolean samePackages(JobRow row, Path dir) {
        JobManifest manifest;
        try {
            manifest = ManifestCodec.read(dir.resolve("build.yml"));
        } catch (JobFormatException e) {
            return false;
        }
        List<String> uploaded = manifest.packages().stream()
                .map(p -> p.file() + " " + p.sha1sum())
                .toList();
        List<String> registered = jdbi.withExtension(PackageDao.class, p -> p.forJob(row.id())).stream()
                .map(p -> p.file() + " " + p.sha1sum())
                .toList();
        return !registered.isEmpty() && uploaded.equals(registered);
    }
}
