package org.pkgforge.sql.dao;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What a job's submitter may do to it. Each is one guarded UPDATE: a task that moved on meanwhile
 * (claimed, finished) is simply not matched. The job status follows by trigger.
 */
@UseClasspathSqlLocator
public interface JobControlDao {
    /** Cancels the targets still waiting; returns how many. Building targets run to their end. */
    @SqlUpdate
    int cancelWaiting(@Bind("jobId") long jobId, @Bind("reason") String reason);

    /** Queues failed or cancelled targets again ({@code target} "el9-x86_64", or null for all). */
    @SqlUpdate
    int retryFinished(@Bind("jobId") long jobId, @Bind("target") String target);
}
