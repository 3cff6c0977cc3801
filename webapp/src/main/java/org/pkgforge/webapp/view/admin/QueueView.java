package org.pkgforge.webapp.view.admin;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.store.QueueSnapshot;
import org.pkgforge.webapp.store.QueuedTask;
import org.pkgforge.webapp.view.Formats;

/**
 * {@code /admin/queue}: per platform with waiting tasks, those tasks in claim order and the agents
 * that could take them. {@code shown} is less than {@code waiting} when the list was cut.
 */
public record QueueView(List<PlatformQueue> platforms, long waiting) {
    public record PlatformQueue(
            String label, boolean active, long waiting, int shown, List<AgentOffer> agents, List<Queued> tasks) {}

    public record Queued(
            long position, String jobId, String jobHref, String submitter, String bucket, Formats.Moment since) {}

    public static QueueView of(QueueSnapshot farm) {
        Map<String, List<QueuedTask>> byPlatform =
                farm.tasks().stream().collect(Collectors.groupingBy(QueuedTask::platform));
        List<PlatformQueue> queues = farm.platforms().stream()
                .filter(p -> p.waiting() > 0)
                .map(p -> {
                    List<QueuedTask> tasks = byPlatform.getOrDefault(p.label(), List.of());
                    return new PlatformQueue(
                            p.label(),
                            p.active(),
                            p.waiting(),
                            tasks.size(),
                            AgentOffer.offering(farm.agents(), p.label()),
                            tasks.stream().map(QueueView::queued).toList());
                })
                .toList();
        return new QueueView(
                queues, queues.stream().mapToLong(PlatformQueue::waiting).sum());
    }

    private static Queued queued(QueuedTask t) {
        return new Queued(
                t.position(),
                t.jobUuid(),
                Routes.job(t.jobUuid()),
                t.submitter() == null ? "" : t.submitter(),
                t.bucket(),
                Formats.moment(t.waitingSince()));
    }
}
