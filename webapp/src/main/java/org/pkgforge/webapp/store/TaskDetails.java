package org.pkgforge.webapp.store;

import java.util.List;

/**
 * Everything the task page shows, read in one snapshot; attempts newest first. {@code waiting}
 * says why the task waits, null unless it does.
 */
public record TaskDetails(
        JobHeader job,
        List<JobPackage> packages,
        JobTask task,
        List<TaskAttempt> attempts,
        List<TaskArtifact> artifacts,
        boolean logLive,
        TaskWaiting waiting) {}
