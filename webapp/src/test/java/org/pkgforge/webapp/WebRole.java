package org.pkgforge.webapp;

import org.jdbi.v3.core.Jdbi;
import org.pkgforge.sql.DatabaseCredentials;
import org.pkgforge.sql.Registry;
import org.pkgforge.sql.testing.PostgresExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The registry as the web side sees it: logged in as the read-only web role. */
final class WebRole {
    private WebRole() {}

    static Jdbi jdbi(PostgresExtension pg) {
        DatabaseCredentials web = pg.webCredentials();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(web.jdbcUrl());
        ds.setUser(web.user());
        ds.setPassword(web.password());
        return Registry.jdbi(ds);
    }
}
