package org.pkgforge.webapp.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Reads what the pages show. Multi-query reads run in one repeatable-read transaction so a page
 * never mixes the state before and after a scheduler update (e.g. a task counted twice).
 */
public final class WebStore {
    private final Jdbi jdbi;

    public WebStore(Jdbi readOnlyJdbi) {
        this.jdbi = readOnlyJdbi;
    }

    public JobListing jobs(JobFilter filter, int pageSize, long offset) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            WebQueries q = handle.attach(WebQueries.class);
            return new JobListing(
                    q.jobsNewestFirst(pageSize, offset, filter.state(), filter.submitter(), filter.bucket()),
                    q.countJobs(filter.state(), filter.submitter(), filter.bucket()));
        });
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
                            q.skippedTargetsOfJob(job.id())));
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
                            q.taskLogLive(uuid, target).orElse(false))));
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
