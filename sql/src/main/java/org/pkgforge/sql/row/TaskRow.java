package org.pkgforge.sql.row;

public record TaskRow(
        long id,
        long jobId,
        int platformId,
        String platform,
        String arch,
        String status,
        int attempts,
        String reason,
        boolean published) {
    public String target() {
        return platform + "-" + arch;
    }
}
