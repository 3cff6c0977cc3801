package org.pkgforge.sql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.pkgforge.sql.DatabaseCredentials;
import org.pkgforge.sql.EmbeddedRegistryServer;
import org.pkgforge.sql.Pools;
import org.pkgforge.sql.Registry;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one PostgreSQL fixture: a real server (the farm's own embedded one) per test JVM, and a fresh
 * migrated database per test class. Use with {@code @RegisterExtension static PostgresExtension pg = new PostgresExtension();}.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedRegistryServer server;

    private String database;
    private com.zaxxer.hikari.HikariDataSource controllerPool;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        EmbeddedRegistryServer shared = server();
        database = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = shared.ownerDataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        Registry.migrate(ownerDataSource());
        try (Connection c = ownerDataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("GRANT CONNECT ON DATABASE " + database + " TO pkgforge_controller, pkgforge_web");
        }
        controllerPool = Pools.open(controllerCredentials(), database, 8);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (controllerPool != null) {
            controllerPool.close();
        }
    }

    private static synchronized EmbeddedRegistryServer server() throws IOException {
        if (server == null) {
            Path dir = Files.createTempDirectory("pkgforge-test-pg");
            server = EmbeddedRegistryServer.start(dir.resolve("postgres"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return server;
    }

    /** Connects as the schema owner (superuser): for test set-up only. */
    public DataSource ownerDataSource() {
        DatabaseCredentials owner = server.ownerCredentials();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(urlFor(owner));
        ds.setUser(owner.user());
        ds.setPassword(owner.password());
        return ds;
    }

    /** Credentials of the least-privilege controller user, for this class's database. */
    public DatabaseCredentials controllerCredentials() {
        DatabaseCredentials c = server.controllerCredentials();
        return new DatabaseCredentials(urlFor(c), c.user(), c.password());
    }

    /** Credentials of the read-only web user, for this class's database. */
    public DatabaseCredentials webCredentials() {
        DatabaseCredentials c = server.webCredentials();
        return new DatabaseCredentials(urlFor(c), c.user(), c.password());
    }

    public DatabaseCredentials ownerCredentials() {
        DatabaseCredentials c = server.ownerCredentials();
        return new DatabaseCredentials(urlFor(c), c.user(), c.password());
    }

    /** A pooled DataSource for the controller user. */
    public DataSource controllerDataSource() {
        return controllerPool;
    }

    public Jdbi controllerJdbi() {
        return Registry.jdbi(controllerPool);
    }

    /** Runs SQL as the owner, e.g. to reset tables between tests. */
    public void execute(String sql) {
        try (Connection c = ownerDataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String urlFor(DatabaseCredentials c) {
        return c.jdbcUrl().replaceFirst("/postgres$", "/" + database);
    }
}
