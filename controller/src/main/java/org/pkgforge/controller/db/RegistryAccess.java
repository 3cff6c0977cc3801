package org.pkgforge.controller.db;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.sql.DatabaseCredentials;
import org.pkgforge.sql.EmbeddedRegistryServer;
import org.pkgforge.sql.Pools;
import org.pkgforge.sql.Registry;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens the registry the configuration names: an external PostgreSQL (migrated as its owner), or
 * the farm's own embedded one under the state directory. Hands out the controller's pool and the
 * read-only web pool; each side logs in with its own least-privilege user.
 */
public final class RegistryAccess implements AutoCloseable {
    private final Optional<EmbeddedRegistryServer> embedded;
    private final DatabaseCredentials controller;
    private final HikariDataSource controllerPool;
    private final HikariDataSource webPool;

    private RegistryAccess(
            Optional<EmbeddedRegistryServer> embedded, DatabaseCredentials controller, DatabaseCredentials web) {
        this.embedded = embedded;
        this.controller = controller;
        this.controllerPool = Pools.open(controller, "pkgforge-controller", 8);
        this.webPool = Pools.open(web, "pkgforge-web", 4);
    }

    /** For the farm process: starts the embedded server if needed and migrates the schema. */
    public static RegistryAccess open(ControllerConfig config) throws IOException {
        if (config.database().isPresent()) {
            ControllerConfig.DatabaseConfig db = config.database().get();
            PGSimpleDataSource owner = new PGSimpleDataSource();
            owner.setUrl(db.jdbcUrl());
            owner.setUser(db.ownerUser());
            owner.setPassword(db.ownerPassword());
            Registry.migrate(owner);
            return new RegistryAccess(
                    Optional.empty(),
                    new DatabaseCredentials(db.jdbcUrl(), db.controllerUser(), db.controllerPassword()),
                    new DatabaseCredentials(db.jdbcUrl(), db.webUser(), db.webPassword()));
        }
        EmbeddedRegistryServer server = EmbeddedRegistryServer.start(embeddedDir(config));
        return new RegistryAccess(Optional.of(server), server.controllerCredentials(), server.webCredentials());
    }

    /**
     * For admin commands: the controller role's connection, joining a running farm's embedded
     * server when there is one instead of starting a second.
     */
    public static Jdbi adminJdbi(ControllerConfig config, java.util.List<AutoCloseable> resources) throws IOException {
        if (config.database().isEmpty()) {
            Optional<Integer> port = EmbeddedRegistryServer.runningPort(embeddedDir(config));
            if (port.isPresent()) {
                HikariDataSource pool = Pools.open(
                        EmbeddedRegistryServer.runningControllerCredentials(embeddedDir(config), port.get()),
                        "pkgforge-admin",
                        1);
                resources.add(pool);
                return Registry.jdbi(pool);
            }
        }
        RegistryAccess access = open(config);
        resources.add(access);
        return access.controllerJdbi();
    }

    private static Path embeddedDir(ControllerConfig config) {
        return config.stateDir().resolve("postgres");
    }

    public Jdbi controllerJdbi() {
        return Registry.jdbi(controllerPool);
    }

    public Jdbi webJdbi() {
        return Registry.jdbi(webPool);
    }

    public DatabaseCredentials controllerCredentials() {
        return controller;
    }

    @Override
    public void close() throws IOException {
        webPool.close();
        controllerPool.close();
        if (embedded.isPresent()) {
            embedded.get().close();
        }
    }
}
