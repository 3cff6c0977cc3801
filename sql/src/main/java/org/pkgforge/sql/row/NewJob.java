package org.pkgforge.sql.row;

import java.util.List;

/** What the incoming processor knows about a job when it records it. */
public record NewJob(
        String uuid,
        String bucket,
        String submitter,
        String status,
        String reason,
        List<String> platforms,
        List<String> archs,
        List<String> report,
        long size) {}
