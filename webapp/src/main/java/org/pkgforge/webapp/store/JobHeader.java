package org.pkgforge.webapp.store;

import java.time.Instant;
import java.util.List;

/**
 * A job's own columns. {@code id} is the registry key used to fetch the job's children; {@code uuid}
 * is the job id users see. {@code submitter} and {@code reason} may be null.
 */
public record JobHeader(
        long id,
        String uuid,
        String status,
        String bucket,
        String submitter,
        Instant submittedAt,
        List<String> platforms,
        List<String> archs,
        String reason) {}
