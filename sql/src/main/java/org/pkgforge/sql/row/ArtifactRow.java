package org.pkgforge.sql.row;

/** A product of a task's current attempt, as the controller verified and stored it. */
public record ArtifactRow(String platform, String arch, String file, long size, String sha256sum) {
    public String target() {
        return platform + "-" + arch;
    }
}
