package org.pkgforge.protocol.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pkgforge.protocol.job.Checksums.FileDigest;

/**
 * Validates a job directory as submitted: the manifest, then each listed package's presence,
 * size, checksums and type-specific content. Used by the submit tool on its own copy and by the
 * controller on incoming jobs, so both refuse the same jobs with the same words.
 *
 * <p>Files are never followed through symbolic links: a job directory is written by an untrusted
 * user, and a link could point the controller at any file it can read.
 */
public final class JobValidator {
    public static final String MANIFEST = ManifestFields.MANIFEST_NAME;
    public static final String TYPE_SRPM = "SRPM";
    /** A Debian source control file; the files it lists are entries of type {@link #TYPE_DSCFILE}. */
    public static final String TYPE_DSC = "DSC";

    public static final String TYPE_DSCFILE = "DSCFILE";

    private JobValidator() {}

    public static ValidatedJob validate(Path jobDir) throws JobFormatException {
        String dirLabel = "job directory " + Shown.quote(String.valueOf(jobDir.getFileName()));
        if (Files.isSymbolicLink(jobDir)) {
            throw new JobFormatException(dirLabel + " is a symbolic link");
        }
        if (!Files.isDirectory(jobDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new JobFormatException(dirLabel + " does not exist or is not a directory");
        }
        Path manifestFile = jobDir.resolve(MANIFEST);
        if (Files.isSymbolicLink(manifestFile)) {
            throw new JobFormatException(MANIFEST + ": a symbolic link, not a regular file");
        }
        JobManifest manifest = ManifestCodec.read(manifestFile);
        if (manifest.packages().isEmpty()) {
            throw new JobFormatException("no packages to build");
        }
        Set<String> seen = new HashSet<>();
        List<ValidatedPackage> packages = new ArrayList<>();
        for (ManifestPackage entry : manifest.packages()) {
            if (!seen.add(entry.file())) {
                throw new JobFormatException(entry.file() + ": listed more than once in " + MANIFEST);
            }
            packages.add(validatePackage(jobDir, entry));
        }
        requireListedByADsc(jobDir, packages);
        List<ManifestPackage> entries =
                packages.stream().map(ValidatedPackage::entry).toList();
        return new ValidatedJob(jobDir, manifest.withPackages(entries), packages);
    }

    private static ValidatedPackage validatePackage(Path jobDir, ManifestPackage entry) throws JobFormatException {
        String file = entry.file();
        String type = entry.type().toUpperCase(Locale.ROOT);
        if (!type.equals(TYPE_SRPM) && !type.equals(TYPE_DSC) && !type.equals(TYPE_DSCFILE)) {
            throw new JobFormatException(file + ": unsupported package type " + Shown.quote(entry.type())
                    + " (SRPM, DSC and DSCFILE are supported)");
        }
        Path path = jobDir.resolve(file);
        if (Files.isSymbolicLink(path)) {
            throw new JobFormatException(file + ": a symbolic link, not a regular file");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new JobFormatException(file + ": listed in " + MANIFEST + " but not in the job directory");
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new JobFormatException(file + ": not a regular file");
        }
        try {
            return readOnce(path, entry, type);
        } catch (FileSystemException e) {
            throw new JobFormatException(file + ": cannot be read (" + e.getReason() + ")", e);
        } catch (IOException e) {
            throw new JobFormatException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Digests the file and reads its type-specific content in one read. An SRPM's headers are read
     * first (a few KiB), so that the digests rpm recorded are computed in the same pass as the
     * manifest's checksums; its complaints still come after the manifest's size and checksums.
     */
    private static ValidatedPackage readOnce(Path path, ManifestPackage entry, String type)
            throws IOException, JobFormatException {
        String file = entry.file();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            SourceRpmReader.Unverified srpm = null;
            JobFormatException unreadable = null;
            if (type.equals(TYPE_SRPM)) {
                try {
                    srpm = SourceRpmReader.start(channel, Shown.plain(file, 255));
                } catch (JobFormatException e) {
                    unreadable = e;
                }
            }
            Checksums.Pass pass = Checksums.digest(channel, srpm == null ? List.of() : srpm.ranges());
            checkAgainstManifest(entry, pass.file());
            SourceRpmInfo info =
                    switch (type) {
                        case TYPE_DSC -> DebianSources.info(DscReader.validate(path));
                        case TYPE_DSCFILE -> DebianSources.fileInfo(file);
                        default -> {
                            if (unreadable != null) {
                                throw unreadable;
                            }
                            yield srpm.verify(pass.ranges());
                        }
                    };
            return new ValidatedPackage(entry.withSha256sum(pass.file().sha256()), info);
        }
    }

    private static void checkAgainstManifest(ManifestPackage entry, FileDigest digest) throws JobFormatException {
        String file = entry.file();
        if (digest.size() != entry.size()) {
            throw new JobFormatException(file + ": size mismatch (" + MANIFEST + " says " + entry.size()
                    + " bytes, the file has " + digest.size() + ")");
        }
        checkDigest(file, "sha1", entry.sha1sum(), digest.sha1());
        if (entry.sha256sum() != null) {
            checkDigest(file, "sha256", entry.sha256sum(), digest.sha256());
        }
    }

    /** Every DSCFILE entry must be named by a .dsc of the job (which vouches for its checksum). */
    private static void requireListedByADsc(Path jobDir, List<ValidatedPackage> packages) throws JobFormatException {
        Set<String> listed = new HashSet<>();
        for (ValidatedPackage p : packages) {
            if (p.entry().type().equalsIgnoreCase(TYPE_DSC)) {
                DscReader.read(jobDir.resolve(p.entry().file())).files().forEach(f -> listed.add(f.name()));
            }
        }
        for (ValidatedPackage p : packages) {
            if (p.entry().type().equalsIgnoreCase(TYPE_DSCFILE)
                    && !listed.contains(p.entry().file())) {
                throw new JobFormatException(p.entry().file() + ": a DSCFILE that no .dsc of the job lists");
            }
        }
    }

    private static void checkDigest(String file, String algorithm, String expected, String actual)
            throws JobFormatException {
        if (!expected.equalsIgnoreCase(actual)) {
            throw new JobFormatException(file + ": checksum mismatch (" + algorithm + " expected "
                    + Shown.digest(expected) + ", got " + Shown.digest(actual) + ")");
        }
    }
}
