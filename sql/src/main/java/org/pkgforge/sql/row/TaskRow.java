package org.pkgforge.sql.row;

/** A task; {@code failureClass} is 'build', 'infrastructure' or null (see V005__builds.sql). */
public record TaskRow(
        long id,
        long jobId,
        int platformId,
        String platform,
        String arch,
        String status,
        int attempts,
        String reason,
        boolean published,
        String failureClass) {
    public String target() {
        return platform + "-" + arch;
    }
}
