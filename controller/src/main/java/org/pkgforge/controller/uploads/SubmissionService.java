package org.pkgforge.controller.uploads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

/**
 * Commits an upload: the user's finished upload directory is moved out of their reach and handed
 * to the {@link IncomingProcessor} (the same validation and registration as the drop directory),
 * with the authenticated user as submitter. The job id comes back only once the job is registered.
 * The job id is also the idempotency key: committing the same packages again under an id the same
 * user already got registered returns that job instead of a second one.
 */
public final class SubmissionService {
    /** The committed job; {@code existing} when a retry found the job already registered. */
    public record Receipt(String jobId, boolean existing) {}

    private final IncomingProcessor incoming;
    private final Jdbi jdbi;
    private final Path committingDir;

    public SubmissionService(IncomingProcessor incoming, Jdbi jdbi, Path committingDir) {
        this.incoming = incoming;
        this.jdbi = jdbi;
        this.committingDir = committingDir;
    }

    public Receipt commit(String submitter, Path root, String name) throws Failure {
        if (!JobIds.isValid(name)) {
            throw new Failure(
                    Failure.USAGE,
                    "upload name '" + printable(name) + "' is not a job id (A-Z a-z 0-9 _ . -, at most 50)");
        }
        Path dir = root.resolve(name);
        try {
            UploadPaths.checkOnDisk(root, dir);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new Failure(Failure.USAGE, "no upload directory '" + name + "' in your upload area");
            }
            checkFiles(root, dir);
            checkComplete(dir, name);
            Optional<Receipt> earlier = earlierSubmission(submitter, dir, name);
            if (earlier.isPresent()) {
                Trees.deleteRecursively(dir);
                return earlier.get();
            }
            return hand(submitter, dir, name);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new Failure(Failure.USAGE, "upload refused: " + e.getFile() + ": " + e.getReason(), e);
        } catch (IOException e) {
            throw new Failure(Failure.SERVER, "could not commit upload " + name + ": " + e.getMessage(), e);
        }
    }

    private Receipt hand(String submitter, Path dir, String name) throws IOException, Failure {
        Path holder =
                Files.createDirectories(committingDir).resolve(UUID.randomUUID().toString());
        Files.createDirectory(holder);
        try {
            Path entry = holder.resolve(name);
            Files.move(dir, entry, StandardCopyOption.ATOMIC_MOVE);
            IncomingProcessor.Result result = incoming.processCommitted(entry, submitter);
            return switch (result.outcome()) {
                case REGISTERED -> new Receipt(result.jobId(), false);
                case REJECTED -> throw new Failure(Failure.SERVER, "job " + name + " rejected: " + result.reason());
                default -> throw new Failure(Failure.SERVER, "job " + name + " was not registered; commit it again");
            };
        } finally {
            Trees.deleteRecursively(holder);
        }
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

    /** The job this user already registered under this id with the same packages, if any. */
    private Optional<Receipt> earlierSubmission(String submitter, Path dir, String name) throws Failure {
        Optional<JobRow> job = jdbi.withExtension(JobDao.class, jobs -> jobs.findByUuid(name));
        if (job.isEmpty()) {
            return Optional.empty();
        }
        JobRow row = job.get();
        if (submitter.equals(row.submitter()) && !"invalid".equals(row.status()) && samePackages(row, dir)) {
            return Optional.of(new Receipt(name, true));
        }
        throw new Failure(Failure.SERVER, "job id '" + name + "' was already used; ids are never reused");
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
