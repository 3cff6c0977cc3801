package org.pkgforge.controller.incoming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.pkgforge.controller.files.HardLinks;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.protocol.job.JobFormatException;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.ManifestCodec;
import org.pkgforge.protocol.job.ManifestPackage;

/**
 * Where a job is validated, so that what is validated is what gets registered: nobody but the farm
 * may be able to change the files between the two.
 */
enum Staging {
    /**
     * A drop-directory entry stays its submitter's (they may write to it at any time, or hold a
     * hard link to it): the listed files are copied into a staging directory the farm owns.
     */
    COPY {
        @Override
        Path prepare(Path entry, JobManifest manifest, Path acceptedDir) throws IOException, JobFormatException {
            Path staging = acceptedDir.resolve(STAGING_PREFIX + entry.getFileName() + "-" + UUID.randomUUID());
            Files.createDirectories(staging);
            for (ManifestPackage p : manifest.packages()) {
                Files.copy(listedFile(entry, p), staging.resolve(p.file()), LinkOption.NOFOLLOW_LINKS);
            }
            ManifestCodec.write(manifest, staging.resolve(MANIFEST));
            return staging;
        }

        @Override
        void finish(Path prepared, JobManifest registered) throws IOException {
            ManifestCodec.write(registered, prepared.resolve(MANIFEST));
        }

        @Override
        void cleanUp(Path prepared) throws IOException {
            Trees.deleteRecursively(prepared);
        }
    },

    /**
     * A committed upload was renamed out of its user's reach (and no file of it was open for
     * writing then), so it is validated where it is, without a copy. What the user could still
     * reach is another name of a file: each file read must have exactly one link, checked after
     * the rename (a name made later would need one of the names, and none is left to the user).
     */
    IN_PLACE {
        @Override
        Path prepare(Path entry, JobManifest manifest, Path acceptedDir) throws IOException, JobFormatException {
            for (ManifestPackage p : manifest.packages()) {
                guard(listedFile(entry, p), p.file());
            }
            return entry;
        }

        @Override
        void guard(Path file, String label) throws IOException, JobFormatException {
            if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new JobFormatException(label + ": must be a plain file in the job directory, not a link");
            }
            if (HardLinks.count(file) != 1) {
                throw new JobFormatException(label + ": has other names (hard links); upload a plain file");
            }
        }

        @Override
        void finish(Path prepared, JobManifest registered) throws IOException {
            // A new file renamed over the old one: a crash leaves one whole manifest or the other.
            Path next = prepared.resolve("." + MANIFEST + ".new");
            ManifestCodec.write(registered, next);
            Files.move(next, prepared.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
            Set<String> kept = new HashSet<>(Set.of(MANIFEST));
            registered.packages().forEach(p -> kept.add(p.file()));
            try (Stream<Path> files = Files.list(prepared)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!kept.contains(f.getFileName().toString())) {
                        Trees.deleteRecursively(f); // uploaded but not listed: never read, not kept
                    }
                }
            }
        }

        @Override
        void cleanUp(Path prepared) {
            // Nothing to remove: the entry itself became the accepted job or went to the rejected area.
        }
    };

    static final String MANIFEST = "build.yml";
    static final String STAGING_PREFIX = ".staging-";

    /** The directory to validate: the entry itself or a copy of what its manifest lists. */
    abstract Path prepare(Path entry, JobManifest manifest, Path acceptedDir) throws IOException, JobFormatException;

    /**
     * Checks, before it is first read, that a file of the entry cannot change any more; the
     * entry's build.yml goes through here before it is parsed.
     */
    void guard(Path file, String label) throws IOException, JobFormatException {
        // COPY: what is read is the copy, whatever happens to the original.
    }

    /** Writes the manifest as registered (submitter, time, SHA-256 sums) and keeps only the job's files. */
    abstract void finish(Path prepared, JobManifest registered) throws IOException;

    /** Removes what {@link #prepare} made once the job is registered or refused. */
    abstract void cleanUp(Path prepared) throws IOException;

    private static Path listedFile(Path entry, ManifestPackage p) throws JobFormatException {
        Path source = entry.resolve(p.file()).normalize();
        if (!entry.equals(source.getParent()) || Files.isSymbolicLink(source)) {
            throw new JobFormatException(p.file() + ": must be a plain file in the job directory, not a link");
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new JobFormatException(p.file() + ": listed in build.yml but not in the job directory");
        }
        return source;
    }
}
