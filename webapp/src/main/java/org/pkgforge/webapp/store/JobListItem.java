package org.pkgforge.webapp.store;

import java.time.Instant;

/** One row of the job list, with its task counts. {@code submitter} may be null. */
public record JobListItem(
        String uuid, String submitter, String bucket, String status, Instant submittedAt, long tasks, long succeeded) {}
