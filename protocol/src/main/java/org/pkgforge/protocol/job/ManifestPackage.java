package org.pkgforge.protocol.job;

import java.util.Objects;

/**
 * One source package as listed in build.yml: its type (e.g. {@code SRPM}), bare file name, size in
 * bytes and lowercase hex digests. {@code sha256sum} is null for jobs written by the original
 * client, which only knew SHA-1.
 */
public record ManifestPackage(String type, String file, long size, String sha1sum, String sha256sum) {
    public ManifestPackage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha1sum, "sha1sum");
    }

    /** The same entry with the given SHA-256 (used when a job from the original client is accepted). */
    public ManifestPackage withSha256sum(String sha256) {
        return new ManifestPackage(type, file, size, sha1sum, sha256);
    }
}
