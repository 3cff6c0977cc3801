package org.pkgforge.sql.dao;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.PackageRow;

@UseClasspathSqlLocator
@RegisterConstructorMapper(PackageRow.class)
public interface PackageDao {
    @SqlUpdate
    void insert(@BindMethods PackageRow row);

    @SqlQuery
    /** The job's packages in build order. */
    List<PackageRow> forJob(@Bind("jobId") long jobId);
}
