package org.pkgforge.protocol.job;

import java.util.List;
import java.util.Objects;

/**
 * The content of a job's build.yml. {@code submitter} and {@code subtime} are what the client
 * claimed; the controller overwrites them with what it observed ({@link #withSubmitter}).
 * {@code report} is empty when no reports are wanted.
 */
public record JobManifest(
        String id,
        String bucket,
        List<String> platforms,
        List<String> archs,
        List<ManifestPackage> packages,
        List<String> report,
        String submitter,
        Long subtime) {
    public static final List<String> DEFAULT_PLATFORMS = List.of("auto");
    public static final List<String> DEFAULT_ARCHS = List.of("all");

    public JobManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bucket, "bucket");
        platforms = List.copyOf(platforms);
        archs = List.copyOf(archs);
        packages = List.copyOf(packages);
        report = report == null ? List.of() : List.copyOf(report);
    }

    /** Sum of the package sizes; recomputed rather than trusted from the YAML. */
    public long size() {
        return packages.stream().mapToLong(ManifestPackage::size).sum();
    }

    public JobManifest withSubmitter(String submitter, long subtime) {
        return new JobManifest(id, bucket, platforms, archs, packages, report, submitter, subtime);
    }

    public JobManifest withPackages(List<ManifestPackage> newPackages) {
        return new JobManifest(id, bucket, platforms, archs, newPackages, report, submitter, subtime);
    }
}
