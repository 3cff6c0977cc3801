package org.pkgforge.sql.dao;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.JobRow;

/** End-of-job reports: which jobs have ended without one, and recording that one went out. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(JobRow.class)
public interface ReportDao {
    /**
     * Jobs whose every task has ended (a success only once published, or once its publish
     * failed), oldest first, that have no report row yet.
     */
    @SqlQuery
    List<Long> endedUnreported();

    @SqlQuery
    Optional<JobRow> job(@Bind("jobId") long jobId);

    /** File names of the products stored for a task's newest attempt. */
    @SqlQuery
    List<String> products(@Bind("taskId") long taskId);

    /** @return false when another controller recorded the job's report first */
    @SqlUpdate
    boolean record(
            @Bind("jobId") long jobId,
            @Bind("status") String status,
            @Bind("outcome") String outcome,
            @Bind("detail") String detail);
}
