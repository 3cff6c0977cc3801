package org.pkgforge.webapp.view;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.store.JobDetails;
import org.pkgforge.webapp.store.JobHeader;
import org.pkgforge.webapp.store.JobPackage;
import org.pkgforge.webapp.store.JobTask;
import org.pkgforge.webapp.store.SkippedTarget;
import org.pkgforge.webapp.store.TaskArtifact;
import org.pkgforge.webapp.store.TaskWaiting;

/**
 * The job page. {@code rejected} is true for a job the incoming checks refused; its {@code reason}
 * then says why. For other jobs {@code reason} holds target-selection notes. Null fields are absent.
 */
public record JobView(
        String id,
        String status,
        boolean rejected,
        String bucket,
        String submitter,
        Formats.Moment submitted,
        String platforms,
        String archs,
        String reason,
        List<PackageView> packages,
        List<TaskView> tasks,
        List<SkippedView> skipped,
        Controls controls) {

    /** Rejected by validation; the registry calls this state "invalid". */
    static final String REJECTED_STATUS = "invalid";

    /** The task states the job service cancels and retries (JobControlDao). */
    private static final Set<String> CANCELLABLE = Set.of("needs_build", "building");

    private static final Set<String> RETRYABLE = Set.of("fail", "cancelled");

    public record PackageView(String file, String type, String nvr, String size, String sha256) {}

    public record TaskView(
            String target,
            String status,
            int attempts,
            String agent,
            String reason,
            String failureClass,
            boolean published,
            String href,
            String logHref,
            String retryHref,
            List<ArtifactView> artifacts,
            String waiting,
            Formats.Moment waitingSince) {}

    public record ArtifactView(String name, String href, String size, String sha256) {}

    public record SkippedView(String target, String reason) {}

    /**
     * The buttons the visitor gets (null hrefs: no such button): cancel while a target waits, retry
     * while one failed or was cancelled. Shown to the job's owner and admins only.
     */
    public record Controls(String cancelHref, String retryHref) {
        static final Controls NONE = new Controls(null, null);
    }

    /** The job as anyone sees it, without buttons. */
    public static JobView of(JobDetails details) {
        return of(details, false);
    }

    /** {@code mayAct}: the visitor owns the job or is an admin, so gets its buttons. */
    public static JobView of(JobDetails details, boolean mayAct) {
        JobHeader job = details.job();
        Map<Long, List<TaskArtifact>> artifactsByTask =
                details.artifacts().stream().collect(Collectors.groupingBy(TaskArtifact::taskId));
        Map<Long, TaskWaiting> waiting =
                details.waiting().stream().collect(Collectors.toMap(TaskWaiting::taskId, w -> w));
        return new JobView(
                job.uuid(),
                job.status(),
                REJECTED_STATUS.equals(job.status()),
                job.bucket(),
                job.submitter(),
                Formats.moment(job.submittedAt()),
                Formats.rules(job.platforms()),
                Formats.rules(job.archs()),
                job.reason(),
                details.packages().stream().map(JobView::packageView).toList(),
                details.tasks().stream()
                        .map(t -> taskView(
                                job.uuid(),
                                t,
                                artifactsByTask.getOrDefault(t.id(), List.of()),
                                waiting.get(t.id()),
                                mayAct))
                        .toList(),
                details.skipped().stream().map(JobView::skippedView).toList(),
                mayAct ? controls(job.uuid(), details.tasks()) : Controls.NONE);
    }

    private static Controls controls(String jobId, List<JobTask> tasks) {
        boolean waiting = tasks.stream().anyMatch(t -> CANCELLABLE.contains(t.status()));
        boolean retryable = tasks.stream().anyMatch(t -> RETRYABLE.contains(t.status()));
        return new Controls(waiting ? Routes.cancel(jobId) : null, retryable ? Routes.retry(jobId) : null);
    }

    static PackageView packageView(JobPackage p) {
        String nvr = p.name() == null ? "" : p.name() + "-" + p.version() + "-" + p.release();
        return new PackageView(p.file(), p.type(), nvr, Formats.size(p.size()), p.sha256sum());
    }

    private static TaskView taskView(
            String jobId, JobTask task, List<TaskArtifact> artifacts, TaskWaiting waiting, boolean mayAct) {
        String target = Routes.taskTarget(task.platform(), task.arch());
        return new TaskView(
                target,
                task.status(),
                task.attempts(),
                task.agentName(),
                task.reason(),
                failureClass(task.failureClass()),
                task.published(),
                Routes.task(jobId, target),
                task.attempts() > 0 ? Routes.taskLog(jobId, target) : null,
                mayAct && RETRYABLE.contains(task.status()) ? Routes.retry(jobId, target) : null,
                artifactViews(jobId, target, artifacts),
                waiting == null ? null : WaitingReason.of(waiting),
                waiting == null ? null : Formats.moment(waiting.waitingSince()));
    }

    static List<ArtifactView> artifactViews(String jobId, String target, List<TaskArtifact> artifacts) {
        return artifacts.stream()
                .map(a -> new ArtifactView(
                        a.file(), Routes.taskFile(jobId, target, a.file()), Formats.size(a.size()), a.sha256sum()))
                .toList();
    }

    /** What users read: the class of the newest failure, or nothing. */
    static String failureClass(String dbClass) {
        if (dbClass == null) {
            return "";
        }
        return dbClass.equals("infrastructure") ? "infrastructure failure" : "build failure";
    }

    private static SkippedView skippedView(SkippedTarget s) {
        return new SkippedView(Routes.taskTarget(s.platform(), s.arch()), s.reason());
    }
}
