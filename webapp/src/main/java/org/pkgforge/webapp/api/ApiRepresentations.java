package org.pkgforge.webapp.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.store.AgentRow;
import org.pkgforge.webapp.store.JobDetails;
import org.pkgforge.webapp.store.JobListItem;
import org.pkgforge.webapp.store.JobPackage;
import org.pkgforge.webapp.store.JobTask;
import org.pkgforge.webapp.store.PlatformState;
import org.pkgforge.webapp.store.TaskArtifact;
import org.pkgforge.webapp.store.TaskAttempt;
import org.pkgforge.webapp.store.TaskDetails;
import org.pkgforge.webapp.store.TaskWaiting;
import org.pkgforge.webapp.view.WaitingReason;

/** Registry rows to {@link ApiJson} records; the only place that knows both. */
final class ApiRepresentations {
    private ApiRepresentations() {}

    static ApiJson.JobSummary summary(JobListItem j) {
        return new ApiJson.JobSummary(
                j.uuid(),
                j.submitter(),
                j.bucket(),
                j.status(),
                time(j.submittedAt()),
                j.tasks(),
                j.succeeded(),
                Routes.apiJob(j.uuid()));
    }

    static ApiJson.Job job(JobDetails d) {
        String id = d.job().uuid();
        Map<Long, List<TaskArtifact>> artifacts =
                d.artifacts().stream().collect(Collectors.groupingBy(TaskArtifact::taskId));
        Map<Long, TaskWaiting> waiting = d.waiting().stream().collect(Collectors.toMap(TaskWaiting::taskId, w -> w));
        return new ApiJson.Job(
                id,
                d.job().status(),
                d.job().reason(),
                d.job().bucket(),
                d.job().submitter(),
                time(d.job().submittedAt()),
                d.job().platforms(),
                d.job().archs(),
                d.packages().stream().map(ApiRepresentations::pkg).toList(),
                d.tasks().stream()
                        .map(t -> target(id, t, artifacts.getOrDefault(t.id(), List.of()), waiting.get(t.id())))
                        .toList(),
                d.skipped().stream()
                        .map(s -> new ApiJson.Skipped(s.platform(), s.arch(), s.reason()))
                        .toList(),
                Routes.apiJob(id));
    }

    static ApiJson.Task task(TaskDetails d) {
        String id = d.job().uuid();
        ApiJson.Target target = target(id, d.task(), d.artifacts(), d.waiting());
        String name = target.target();
        return new ApiJson.Task(
                id,
                target,
                d.attempts().stream().map(ApiRepresentations::attempt).toList(),
                new ApiJson.Log(Routes.taskLog(id, name), Routes.taskLogEvents(id, name), d.logLive()),
                Routes.apiTask(id, name));
    }

    static ApiJson.Platform platform(PlatformState p) {
        return new ApiJson.Platform(p.name(), p.arch(), p.active(), p.auto(), p.waiting());
    }

    static ApiJson.Host host(AgentRow a) {
        return new ApiJson.Host(
                a.name(),
                a.launcher(),
                a.enabled(),
                a.state(),
                a.stateReason(),
                a.slots(),
                a.busy(),
                a.platforms(),
                a.ssh(),
                a.hostKeyFingerprint());
    }

    private static ApiJson.Target target(String jobId, JobTask t, List<TaskArtifact> artifacts, TaskWaiting w) {
        // The store lists why a task waits only for queued tasks, so w is null once one started.
        String name = Routes.taskTarget(t.platform(), t.arch());
        return new ApiJson.Target(
                name,
                t.platform(),
                t.arch(),
                t.status(),
                t.attempts(),
                t.reason(),
                t.published(),
                t.failureClass(),
                t.agentName(),
                w == null ? null : WaitingReason.of(w),
                w == null ? null : w.position(),
                artifacts.stream()
                        .map(a -> new ApiJson.Artifact(
                                a.file(), a.size(), a.sha256sum(), Routes.taskFile(jobId, name, a.file())))
                        .toList(),
                Routes.apiTask(jobId, name));
    }

    private static ApiJson.Package pkg(JobPackage p) {
        return new ApiJson.Package(p.file(), p.type(), p.name(), p.version(), p.release(), p.size(), p.sha256sum());
    }

    private static ApiJson.Attempt attempt(TaskAttempt a) {
        return new ApiJson.Attempt(
                a.number(),
                a.agentName(),
                time(a.claimedAt()),
                time(a.startedAt()),
                time(a.finishedAt()),
                a.outcome(),
                a.reason(),
                a.logBytes());
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
