package org.pkgforge.webapp.store;

import java.util.List;

/** Everything the task page shows, read in one snapshot; attempts newest first. */
public record TaskDetails(
        JobHeader job,
        List<JobPackage> packages,
        JobTask task,
        List<TaskAttempt> attempts,
        List<TaskArtifact> artifacts,
        boolean logLive) {}
