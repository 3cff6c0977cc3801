package org.pkgforge.webapp.store;

import java.util.List;

/** Everything the job page shows, read in one snapshot; {@code waiting}: why each waiting task waits. */
public record JobDetails(
        JobHeader job,
        List<JobPackage> packages,
        List<JobTask> tasks,
        List<TaskArtifact> artifacts,
        List<SkippedTarget> skipped,
        List<TaskWaiting> waiting) {}
