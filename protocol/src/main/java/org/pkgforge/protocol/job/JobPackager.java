package org.pkgforge.protocol.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.pkgforge.protocol.job.Checksums.FileDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns local source packages into a job directory: {@link #describe} validates the files and
 * builds the manifest, {@link #writeJob} copies everything into the target.
 *
 * <p>The copy is written under a hidden name ({@code .<id>.part-<random>}, which the incoming
 * scanner ignores), validated as the controller will validate it, and only then renamed to
 * {@code <id>} in one step: the controller never sees a half-written job.
 */
public final class JobPackager {
    private static final Logger LOG = LoggerFactory.getLogger(JobPackager.class);

    private JobPackager() {}

    /**
     * Builds the manifest for local files, validating each with {@link SourceRpmReader} and
     * computing its checksums. A null {@code id} gets a generated one; list arguments may hold
     * comma-separated entries, and null or empty platforms/archs mean the defaults.
     */
    public static JobManifest describe(
            String id,
            String bucket,
            List<String> platforms,
            List<String> archs,
            List<String> report,
            List<Path> sources,
            String submitter)
            throws JobFormatException {
        String jobId = id == null ? JobIds.generate() : id;
        JobIds.check(jobId);
        if (bucket == null || bucket.isBlank()) {
            throw new JobFormatException("a bucket is required");
        }
        throwIfPresent(ManifestFields.bucketProblem(bucket));
        List<String> platformRules = ManifestFields.splitList(platforms, JobManifest.DEFAULT_PLATFORMS);
        for (String rule : platformRules) {
            throwIfPresent(ManifestFields.ruleProblem("platforms", rule));
        }
        List<String> archRules = ManifestFields.splitList(archs, JobManifest.DEFAULT_ARCHS);
        for (String rule : archRules) {
            throwIfPresent(ManifestFields.ruleProblem("archs", rule));
        }
        List<String> addresses = ManifestFields.splitList(report, List.of());
        for (String address : addresses) {
            throwIfPresent(ManifestFields.emailProblem(address));
        }
        if (sources.isEmpty()) {
            throw new JobFormatException("no packages to build");
        }
        List<ManifestPackage> packages = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path source : sources) {
            String name = String.valueOf(source.getFileName());
            throwIfPresent(ManifestFields.fileNameProblem(name));
            Path previous = seen.putIfAbsent(name, source);
            if (previous != null) {
                throw new JobFormatException(
                        name + ": given twice (" + previous + " and " + source + "); file names must be unique");
            }
            packages.add(describePackage(source, name));
        }
        return new JobManifest(jobId, bucket, platformRules, archRules, packages, addresses, submitter, null);
    }

    private static ManifestPackage describePackage(Path source, String name) throws JobFormatException {
        if (!Files.exists(source)) {
            throw new JobFormatException(source + ": no such file");
        }
        if (!Files.isRegularFile(source)) {
            throw new JobFormatException(source + ": not a regular file");
        }
        try {
            // The user's own symlinks are fine locally; the copy in the job directory is a real file.
            Path real = source.toRealPath();
            String type;
            if (name.endsWith(DscReader.SUFFIX)) {
                DscReader.validate(real);
                type = JobValidator.TYPE_DSC;
            } else if (name.endsWith(SourceRpmReader.SUFFIX)) {
                SourceRpmReader.read(real, name);
                type = JobValidator.TYPE_SRPM;
            } else {
                // Checked by JobValidator against the job's .dsc files.
                type = JobValidator.TYPE_DSCFILE;
            }
            FileDigest digest = Checksums.digest(real);
            return new ManifestPackage(type, name, digest.size(), digest.sha1(), digest.sha256());
        } catch (IOException e) {
            throw new JobFormatException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Copies the files and build.yml into {@code target/.<id>.part-<random>/}, re-validates the
     * copy with {@link JobValidator}, then renames it to {@code target/<id>}. Fails if
     * {@code target/<id>} exists; removes the partial directory on any failure.
     *
     * @param sources one file per manifest package, matched by file name
     * @return the job directory
     */
    public static Path writeJob(Path target, JobManifest manifest, List<Path> sources)
            throws IOException, JobFormatException {
        JobIds.check(manifest.id());
        if (!Files.isDirectory(target)) {
            throw new JobFormatException("target directory " + target + " does not exist");
        }
        Map<String, Path> byName = sourcesByName(manifest, sources);
        Path jobDir = target.resolve(manifest.id());
        if (Files.exists(jobDir, LinkOption.NOFOLLOW_LINKS)) {
            throw alreadyThere(manifest.id(), target);
        }
        Path partial = target.resolve("." + manifest.id() + ".part-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createDirectory(partial);
        boolean done = false;
        try {
            for (ManifestPackage p : manifest.packages()) {
                copyDurably(byName.get(p.file()), partial.resolve(p.file()));
            }
            ManifestCodec.write(manifest, partial.resolve(JobValidator.MANIFEST));
            JobValidator.validate(partial);
            try {
                // rename(2): atomic, and it fails if a non-empty job directory appeared meanwhile.
                Files.move(partial, jobDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw alreadyThere(manifest.id(), target);
            }
            done = true;
            LOG.debug("Wrote job {} to {}", manifest.id(), jobDir);
            return jobDir;
        } finally {
            if (!done) {
                deleteTree(partial);
            }
        }
    }

    private static Map<String, Path> sourcesByName(JobManifest manifest, List<Path> sources) {
        Map<String, Path> byName = new HashMap<>();
        for (Path source : sources) {
            byName.put(String.valueOf(source.getFileName()), source);
        }
        for (ManifestPackage p : manifest.packages()) {
            if (!byName.containsKey(p.file())) {
                throw new IllegalArgumentException("no source file given for manifest entry " + p.file());
            }
        }
        return byName;
    }

    /** Copies and fsyncs, so a crash after the rename cannot leave a job with empty files. */
    private static void copyDurably(Path source, Path destination) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out =
                        FileChannel.open(destination, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            for (long position = 0; position < size; ) {
                long n = in.transferTo(position, size - position, out);
                if (n <= 0) {
                    break; // the source shrank; validation of the copy reports it
                }
                position += n;
            }
            out.force(true);
        }
    }

    private static JobFormatException alreadyThere(String id, Path target) {
        return new JobFormatException(
                "job id " + Shown.quote(id) + " already exists in " + target + " (already submitted?)");
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not remove the partial job directory {}", dir, e);
        }
    }

    private static void throwIfPresent(Optional<String> problem) throws JobFormatException {
        if (problem.isPresent()) {
            throw new JobFormatException(problem.get());
        }
    }
}
