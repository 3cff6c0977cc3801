package org.pkgforge.sql.row;

/** A task with what an agent needs to know to build it. */
public record TaskDetail(
        long taskId,
        int attempts,
        String status,
        long jobId,
        String jobUuid,
        String bucket,
        String platform,
        String arch) {
    public String target() {
        return platform + "-" + arch;
    }
}
