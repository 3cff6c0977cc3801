package org.pkgforge.protocol.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A job directory that passed {@link JobValidator}. The manifest's package entries carry the
 * computed SHA-256 even when build.yml had only SHA-1 (original client), so agents can verify.
 */
public record ValidatedJob(Path directory, JobManifest manifest, List<ValidatedPackage> packages) {
    public ValidatedJob {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(manifest, "manifest");
        packages = List.copyOf(packages);
    }
}
