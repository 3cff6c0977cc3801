package org.pkgforge.webapp.store;

import java.util.List;

/** Everything the job page shows, read in one snapshot. */
public record JobDetails(
        JobHeader job,
        List<JobPackage> packages,
        List<JobTask> tasks,
        List<TaskArtifact> artifacts,
        List<SkippedTarget> skipped) {}
