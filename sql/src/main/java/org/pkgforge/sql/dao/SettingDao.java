package org.pkgforge.sql.dao;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Farm settings the plpgsql rules read (the controller writes them from its configuration). */
@UseClasspathSqlLocator
public interface SettingDao {
    @SqlUpdate
    void put(@Bind("name") String name, @Bind("value") String value);

    @SqlQuery
    Optional<String> get(@Bind("name") String name);
}
