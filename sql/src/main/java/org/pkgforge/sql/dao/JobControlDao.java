package org.pkgforge.sql.dao;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.CancelledAttempt;

/**
 * What a job's submitter may do to it. Each is one guarded UPDATE: a task that moved on meanwhile
 * (claimed, finished) is simply not matched. The job status follows by trigger.
 */
@UseClasspathSqlLocator
@RegisterConstructorMapper(CancelledAttempt.class)
public interface JobControlDao {
    /** Cancels the targets still waiting; returns how many. */
    @SqlUpdate
    int cancelWaiting(@Bind("jobId") long jobId, @Bind("reason") String reason);

    /**
     * Cancels the building targets and ends their open attempts; returns those attempts, so their
     * agents can be told to stop. Whatever the agent sends for them afterwards is stale.
     */
    @SqlQuery
    List<CancelledAttempt> cancelRunning(@Bind("jobId") long jobId, @Bind("reason") String reason);

    /** Queues failed or cancelled targets again ({@code target} "el9-x86_64", or null for all). */
    @SqlUpdate
    int retryFinished(@Bind("jobId") long jobId, @Bind("target") String target);
}
