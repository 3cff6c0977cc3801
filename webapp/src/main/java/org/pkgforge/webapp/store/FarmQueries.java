package org.pkgforge.webapp.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The farm's state for the admin pages and the job page's waiting reasons: agents, platforms,
 * users and the queue, one {@code .sql} file per method under
 * {@code org/pkgforge/webapp/store/FarmQueries/}. Read as {@code pkgforge_web} (SELECT only).
 */
@UseClasspathSqlLocator
public interface FarmQueries {
    @SqlQuery
    @RegisterConstructorMapper(AgentRow.class)
    List<AgentRow> agents();

    @SqlQuery
    @RegisterConstructorMapper(PlatformState.class)
    List<PlatformState> platforms();

    @SqlQuery
    @RegisterConstructorMapper(UserRow.class)
    List<UserRow> users();

    @SqlQuery
    @RegisterConstructorMapper(KeyFingerprint.class)
    List<KeyFingerprint> userKeys();

    /** Waiting tasks in claim order, at most {@code limit} per platform. */
    @SqlQuery
    @RegisterConstructorMapper(QueuedTask.class)
    List<QueuedTask> queue(@Bind("limit") int limit);

    @SqlQuery
    @RegisterConstructorMapper(TaskWaiting.class)
    List<TaskWaiting> waitingOfJob(@Bind("jobId") long jobId);
}
