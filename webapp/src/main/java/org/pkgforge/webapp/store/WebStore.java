package org.pkgforge.webapp.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Reads what the pages show. Multi-query reads run in one repeatable-read transaction so a page
 * never mixes the state before and after a scheduler update (e.g. a task counted twice).
 */
public final class WebStore {
    /** The job list counts matches exactly up to here. */
    public static final long COUNT_AT_LEAST = 10_000;

    private final Jdbi jdbi;

    public WebStore(Jdbi readOnlyJdbi) {
        this.jdbi = readOnlyJdbi;
    }

    /**
     * One page of the jobs matching {@code filter}, newest first, and how many match. The total is
     * exact up to {@link #COUNT_AT_LEAST}; past that, and on pages that deep, it is a lower bound
     * ({@link JobListing#more()}), since counting every match of a large registry would cost more
     * than the page itself.
     */
    public JobListing jobs(JobFilter filter, int pageSize, long offset) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            JobListQueries q = handle.attach(JobListQueries.class);
            q.planEachExecution();
            int[] platformIds = filter.platform() == null ? null : platformIds(q, filter.platform());
            if (platformIds != null && platformIds.length == 0) {
                return new JobListing(List.of(), 0, false);
            }
            // One row past the page says whether there is a next page without counting.
            List<JobListItem> rows = q.jobsNewestFirst(filter, platformIds, pageSize + 1, offset);
            boolean hasNext = rows.size() > pageSize;
            List<JobListItem> page = List.copyOf(hasNext ? rows.subList(0, pageSize) : rows);
            if (!hasNext && (offset == 0 || !page.isEmpty())) {
                // The last page: its end is the total.
                return new JobListing(page, offset + page.size(), false);
            }
            if (hasNext && offset + pageSize >= COUNT_AT_LEAST) {
                // Deep past the cap: a count would read again every job the OFFSET skipped, to say
                // no more than "more than this", which the extra row already says.
                return new JobListing(page, offset + pageSize, true);
            }
            long counted = Math.max(COUNT_AT_LEAST, offset + pageSize);
            long total = q.countJobs(filter, platformIds, counted + 1);
            return new JobListing(page, Math.min(total, counted), total > counted);
        });
    }

    private static int[] platformIds(JobListQueries q, String platform) {
        return q.platformIds(platform).stream().mapToInt(Integer::intValue).toArray();
    }

    public Optional<JobDetails> job(String uuid) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            WebQueries q = handle.attach(WebQueries.class);
            return q.jobByUuid(uuid)
                    .map(job -> new JobDetails(
                            job,
                            q.packagesOfJob(job.id()),
                            q.tasksOfJob(job.id()),
                            q.artifactsOfJob(job.id()),
                            q.skippedTargetsOfJob(job.id()),
                            handle.attach(FarmQueries.class).waitingOfJob(job.id())));
        });
    }

    /** One task of a job by its target name ({@code <platform>-<arch>}). */
    public Optional<TaskDetails> task(String uuid, String target) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            WebQueries q = handle.attach(WebQueries.class);
            return q.jobByUuid(uuid).flatMap(job -> q.taskOfJob(job.id(), target)
                    .map(task -> new TaskDetails(
                            job,
                            q.packagesOfJob(job.id()),
                            task,
                            q.attemptsOfTask(task.id()),
                            q.artifactsOfTask(task.id()),
                            q.taskLogLive(uuid, target).orElse(false),
                            handle.attach(FarmQueries.class).waitingOfJob(job.id()).stream()
                                    .filter(w -> w.taskId() == task.id())
                                    .findFirst()
                                    .orElse(null))));
        });
    }

    /** Every agent, build hosts over SSH first. */
    public List<AgentRow> agents() {
        return jdbi.withExtension(FarmQueries.class, FarmQueries::agents);
    }

    /** Platforms with their waiting tasks, and the agents (to show who offers each). */
    public QueueSnapshot platforms() {
        return queue(0);
    }

    /** Waiting tasks in claim order (at most {@code perPlatform} per platform), platforms and agents. */
    public QueueSnapshot queue(int perPlatform) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            FarmQueries q = handle.attach(FarmQueries.class);
            return new QueueSnapshot(perPlatform > 0 ? q.queue(perPlatform) : List.of(), q.platforms(), q.agents());
        });
    }

    /** Every user with their key fingerprints. */
    public List<UserKeys> users() {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            FarmQueries q = handle.attach(FarmQueries.class);
            Map<Integer, List<KeyFingerprint>> keys =
                    q.userKeys().stream().collect(Collectors.groupingBy(KeyFingerprint::userId));
            return q.users().stream()
                    .map(u -> new UserKeys(u, keys.getOrDefault(u.id(), List.of())))
                    .toList();
        });
    }

    /** Whether a task's build.log may still grow; empty for an unknown task. */
    public Optional<Boolean> taskLogLive(String uuid, String target) {
        return jdbi.withExtension(WebQueries.class, q -> q.taskLogLive(uuid, target));
    }

    /** True when the database answers a trivial query. */
    public boolean healthy() {
        try {
            return jdbi.withExtension(WebQueries.class, WebQueries::ping) == 1;
        } catch (JdbiException e) {
            return false;
        }
    }
}
