package org.pkgforge.protocol.job;

import java.util.Objects;

/** A package that passed validation: its manifest entry (with sha256sum always set) and header data. */
public record ValidatedPackage(ManifestPackage entry, SourceRpmInfo info) {
    public ValidatedPackage {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(info, "info");
    }
}
