package org.pkgforge.webapp.store;

import java.util.List;
import org.jdbi.v3.freemarker.UseFreemarkerSqlLocator;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The job list's queries, FreeMarker templates under {@code org/pkgforge/webapp/store/JobListQueries/}.
 * The template sees the filter ({@code @Define}) only to leave out the conditions of absent filters,
 * so each query's plan fits the filters in use; every value is a bind parameter (the filter's
 * accessors, {@code @BindMethods}), never template output.
 */
@UseFreemarkerSqlLocator
public interface JobListQueries {

    @SqlQuery
    @RegisterConstructorMapper(JobListItem.class)
    List<JobListItem> jobsNewestFirst(
            @Define("filter") @BindMethods JobFilter filter, @Bind("limit") int limit, @Bind("offset") long offset);

    /** How many jobs match, counting no further than {@code atMost}. */
    @SqlQuery
    long countJobs(@Define("filter") @BindMethods JobFilter filter, @Bind("atMost") long atMost);
}
