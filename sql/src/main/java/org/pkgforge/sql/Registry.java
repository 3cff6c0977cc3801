package org.pkgforge.sql;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Entry point to the registry: schema migrations and the configured {@link Jdbi}. */
public final class Registry {
    private Registry() {}

    /** Brings the schema up to date. Runs as the schema owner, never as the controller or web role. */
    public static void migrate(DataSource ownerDataSource) {
        Flyway.configure()
                .dataSource(ownerDataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public static Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }
}
