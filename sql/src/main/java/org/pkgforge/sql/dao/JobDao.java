package org.pkgforge.sql.dao;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.JobRow;
import org.pkgforge.sql.row.NewJob;

@UseClasspathSqlLocator
@RegisterConstructorMapper(JobRow.class)
public interface JobDao {
    @SqlUpdate
    @GetGeneratedKeys("id")
    long insert(@BindMethods NewJob job);

    /** The new job's id, or empty when the job id is already taken. */
    @SqlQuery
    Optional<Long> insertUnlessTaken(@BindMethods NewJob job);

    @SqlQuery
    Optional<JobRow> findByUuid(@Bind("uuid") String uuid);

    @SqlUpdate
    void setStatus(@Bind("id") long id, @Bind("status") String status, @Bind("reason") String reason);

    @SqlQuery
    List<JobRow> newest(@Bind("limit") int limit, @Bind("offset") int offset);
}
