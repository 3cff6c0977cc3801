package org.pkgforge.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The farm's private PostgreSQL, used when no database is configured. It keeps its data under the
 * state directory across restarts and never allows password-less logins: initdb gets
 * scram-sha-256 and a generated superuser password, so other local users reaching the TCP port
 * get nothing. The controller and web side log in as their own least-privilege users.
 */
public final class EmbeddedRegistryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRegistryServer.class);
    static final String CONTROLLER_USER = "pkgforge_ctl";
    static final String WEB_USER = "pkgforge_www";

    private final EmbeddedPostgres postgres;
    private final Properties secrets;

    private EmbeddedRegistryServer(EmbeddedPostgres postgres, Properties secrets) {
        this.postgres = postgres;
        this.secrets = secrets;
    }

    /** Starts (initialising on first use) the server under {@code baseDir}, migrated and ready. */
    public static EmbeddedRegistryServer start(Path baseDir) throws IOException {
        Files.createDirectories(baseDir);
        Files.setPosixFilePermissions(baseDir, PosixFilePermissions.fromString("rwx------"));
        Properties secrets = loadOrCreateSecrets(baseDir.resolve("credentials.properties"));
        Path pwfile = baseDir.resolve("superuser.pw");
        writePrivate(pwfile, secrets.getProperty("postgres"));
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(baseDir.resolve("data"))
                    .setCleanDataDirectory(false)
                    // After a crash the server replays its WAL first; on a busy machine that outlasts zonky's 10 s.
                    .setPGStartupWait(Duration.ofSeconds(90))
                    // Passed to initdb after zonky's own "-A trust": the later option wins.
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", pwfile.toString())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", baseDir.toString())
                    .setConnectConfig("password", secrets.getProperty("postgres"))
                    .start();
        } finally {
            Files.deleteIfExists(pwfile);
        }
        EmbeddedRegistryServer server = new EmbeddedRegistryServer(postgres, secrets);
        Registry.migrate(server.ownerDataSource());
        server.ensureLoginUsers();
        log.info("embedded PostgreSQL ready on 127.0.0.1:{} (data in {})", postgres.getPort(), baseDir);
        return server;
    }

    /**
     * The port of an embedded server another process (the running farm) already started under
     * {@code baseDir}, so admin commands can use it instead of starting a second one.
     */
    public static Optional<Integer> runningPort(Path baseDir) {
        Path pidFile = baseDir.resolve("data").resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            int port = Integer.parseInt(lines.get(3).trim());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
            return Optional.of(port);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Credentials of a running embedded server's controller user. */
    public static DatabaseCredentials runningControllerCredentials(Path baseDir, int port) throws IOException {
        Properties secrets = loadOrCreateSecrets(baseDir.resolve("credentials.properties"));
        return new DatabaseCredentials(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                CONTROLLER_USER,
                secrets.getProperty(CONTROLLER_USER));
    }

    public PGSimpleDataSource ownerDataSource() {
        return dataSource("postgres");
    }

    public DatabaseCredentials controllerCredentials() {
        return credentials(CONTROLLER_USER);
    }

    public DatabaseCredentials webCredentials() {
        return credentials(WEB_USER);
    }

    public DatabaseCredentials ownerCredentials() {
        return credentials("postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    private DatabaseCredentials credentials(String user) {
        return new DatabaseCredentials(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", user, secrets.getProperty(user));
    }

    private PGSimpleDataSource dataSource(String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(credentials(user).jdbcUrl());
        ds.setUser(user);
        ds.setPassword(secrets.getProperty(user));
        return ds;
    }

    private void ensureLoginUsers() {
        try (Connection c = ownerDataSource().getConnection();
                Statement s = c.createStatement()) {
            createOrUpdateUser(s, CONTROLLER_USER, "pkgforge_controller");
            createOrUpdateUser(s, WEB_USER, "pkgforge_web");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the registry's login users: " + e.getMessage(), e);
        }
    }

    private void createOrUpdateUser(Statement s, String user, String group) throws SQLException {
        // Passwords are generated base64url: no quote can appear in them.
        String password = secrets.getProperty(user);
        s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + user + "') THEN "
                + "CREATE ROLE " + user + " LOGIN; END IF; END $$");
        s.execute("ALTER ROLE " + user + " LOGIN PASSWORD '" + password + "'");
        s.execute("GRANT " + group + " TO " + user);
    }

    private static Properties loadOrCreateSecrets(Path file) throws IOException {
        Properties secrets = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                secrets.load(in);
            }
        }
        boolean changed = false;
        for (String user : new String[] {"postgres", CONTROLLER_USER, WEB_USER}) {
            if (secrets.getProperty(user) == null) {
                secrets.setProperty(user, randomPassword());
                changed = true;
            }
        }
        if (changed) {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                secrets.store(out, "PkgForge embedded registry passwords");
            }
        }
        return secrets;
    }

    private static void writePrivate(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
