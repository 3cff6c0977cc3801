package org.pkgforge.sql.dao;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.Platform;

/** Platforms with the original PkgForge semantics: added inactive, deactivating clears auto. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Platform.class)
public interface PlatformDao {
    @SqlQuery
    List<Platform> list();

    @SqlQuery
    List<Platform> active();

    @SqlQuery
    Optional<Platform> find(@Bind("name") String name, @Bind("arch") String arch);

    @SqlUpdate
    @GetGeneratedKeys("id")
    int add(@Bind("name") String name, @Bind("arch") String arch);

    @SqlUpdate
    boolean activate(@Bind("name") String name, @Bind("arch") String arch);

    @SqlUpdate
    boolean deactivate(@Bind("name") String name, @Bind("arch") String arch);

    @SqlUpdate
    boolean setAuto(@Bind("name") String name, @Bind("arch") String arch);

    /** Takes the platform out of the default ("auto") set; it stays active. */
    @SqlUpdate
    boolean unsetAuto(@Bind("name") String name, @Bind("arch") String arch);
}
