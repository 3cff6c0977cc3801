package org.pkgforge.webapp.view;

import java.util.List;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.store.JobTask;
import org.pkgforge.webapp.store.TaskAttempt;
import org.pkgforge.webapp.store.TaskDetails;

/**
 * The task page. {@code logFrom} is the byte offset the log view starts at (0, or the start of a
 * line near the end of a long log); {@code live} says whether the log may still grow.
 */
public record TaskPageView(
        String jobId,
        String jobHref,
        String target,
        String status,
        String reason,
        boolean published,
        List<JobView.PackageView> packages,
        List<AttemptView> attempts,
        List<JobView.ArtifactView> artifacts,
        String logHref,
        String eventsHref,
        long logFrom,
        boolean live,
        String waiting,
        Formats.Moment waitingSince) {

    /** One attempt; null times and empty strings for what has not happened. */
    public record AttemptView(
            int number,
            String agent,
            Formats.Moment claimed,
            Formats.Moment started,
            Formats.Moment finished,
            String outcome,
            String reason) {

        static AttemptView of(TaskAttempt a) {
            return new AttemptView(
                    a.number(),
                    a.agentName(),
                    Formats.moment(a.claimedAt()),
                    Formats.moment(a.startedAt()),
                    Formats.moment(a.finishedAt()),
                    a.outcome() == null ? "running" : a.outcome(),
                    a.reason() == null ? "" : a.reason());
        }
    }

    public static TaskPageView of(TaskDetails details, long logFrom) {
        JobTask task = details.task();
        String jobId = details.job().uuid();
        String target = Routes.taskTarget(task.platform(), task.arch());
        return new TaskPageView(
                jobId,
                Routes.job(jobId),
                target,
                task.status(),
                task.reason() == null ? "" : task.reason(),
                task.published(),
                details.packages().stream().map(JobView::packageView).toList(),
                details.attempts().stream().map(AttemptView::of).toList(),
                JobView.artifactViews(jobId, target, details.artifacts()),
                Routes.taskLog(jobId, target),
                Routes.taskLogEvents(jobId, target),
                logFrom,
                details.logLive(),
                details.waiting() == null ? null : WaitingReason.of(details.waiting()),
                details.waiting() == null
                        ? null
                        : Formats.moment(details.waiting().waitingSince()));
    }
}
