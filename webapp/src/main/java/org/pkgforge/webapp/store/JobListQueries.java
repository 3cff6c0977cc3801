package org.pkgforge.webapp.store;

import java.util.List;
import org.jdbi.v3.freemarker.UseFreemarkerSqlLocator;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The job list's queries, FreeMarker templates under {@code org/pkgforge/webapp/store/JobListQueries/}.
 * The template sees the filter ({@code @Define}) only to leave out the conditions of absent filters,
 * so each query's plan fits the filters in use; every value is a bind parameter (the filter's
 * accessors, {@code @BindMethods}), never template output.
 */
@UseFreemarkerSqlLocator
public interface JobListQueries {

    /**
     * Plans each job list query for its own values for the rest of the transaction. The driver
     * prepares a statement run often on one connection, and PostgreSQL may then keep one generic
     * plan for all values: the plan of a common platform (walk job_newest, probe each job's tasks)
     * then serves a rare one too, which walks the whole registry for its first page. Planning costs
     * about a millisecond.
     */
    @SqlUpdate
    void planEachExecution();

    /**
     * The ids of the platforms a platform filter means. Looked up first so the job queries compare
     * task.platform_id with known values, which the planner can weigh against the column's
     * statistics (a rare platform's jobs are found through task_platform_job, not by probing every
     * job); a join on the name leaves it guessing.
     */
    @SqlQuery
    List<Integer> platformIds(@Bind("platform") String platform);

    /** {@code platformIds}: those of {@code filter.platform()}, or null without a platform filter. */
    @SqlQuery
    @RegisterConstructorMapper(JobListItem.class)
    List<JobListItem> jobsNewestFirst(
            @Define("filter") @BindMethods JobFilter filter,
            @Bind("platformIds") int[] platformIds,
            @Bind("limit") int limit,
            @Bind("offset") long offset);

    /** How many jobs match, counting no further than {@code atMost}. */
    @SqlQuery
    long countJobs(
            @Define("filter") @BindMethods JobFilter filter,
            @Bind("platformIds") int[] platformIds,
            @Bind("atMost") long atMost);
}
