package org.pkgforge.sql.dao;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.pkgforge.sql.row.CountBy;
import org.pkgforge.sql.row.SlotUse;

/** What /metrics reports from the registry, read at scrape time. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(CountBy.class)
@RegisterConstructorMapper(SlotUse.class)
public interface MetricsDao {
    /** Waiting tasks per active platform ("el9/x86_64"), zero included. */
    @SqlQuery
    List<CountBy> queueByPlatform();

    @SqlQuery
    List<CountBy> tasksByState();

    @SqlQuery
    SlotUse slots();

    /** Seconds the task waited before this attempt was claimed: since it was queued, or since its previous attempt ended. */
    @SqlQuery
    double waitedSeconds(@Bind("taskId") long taskId, @Bind("attempt") int attempt);
}
