package org.pkgforge.controller.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.pkgforge.sql.DatabaseCredentials;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on the registry's channels on one dedicated connection and runs the handler of each
 * notification's channel. This is how work created by another process (an admin command, a
 * second controller) wakes this one at once. If the connection drops it is opened again; the
 * handlers then run once each, since notifications may have been missed meanwhile.
 */
public final class RegistryNotifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegistryNotifications.class);
    private static final int WAIT_MILLIS = 1_000;

    private final DatabaseCredentials credentials;
    private final Map<String, Runnable> handlers;
    private final Thread thread;
    private volatile boolean running = true;

    public RegistryNotifications(DatabaseCredentials credentials, Map<String, Runnable> handlers) {
        this.credentials = credentials;
        this.handlers = Map.copyOf(handlers);
        this.thread = new Thread(this::listen, "registry-notifications");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void listen() {
        Duration retry = Duration.ofSeconds(1);
        while (running) {
            try (Connection c =
                    DriverManager.getConnection(credentials.jdbcUrl(), credentials.user(), credentials.password())) {
                try (Statement st = c.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        st.execute("LISTEN " + channel);
                    }
                }
                handlers.values().forEach(RegistryNotifications::runQuietly);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] got = pg.getNotifications(WAIT_MILLIS);
                    if (got == null) {
                        continue;
                    }
                    java.util.Set<String> channels = new java.util.HashSet<>();
                    for (PGNotification n : got) {
                        channels.add(n.getName());
                    }
                    for (String channel : channels) {
                        Runnable handler = handlers.get(channel);
                        if (handler != null) {
                            runQuietly(handler);
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("registry notifications lost ({}); listening again in {}", e.getMessage(), retry);
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static void runQuietly(Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            log.error("notification handler failed", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(3_000);
    }
}
