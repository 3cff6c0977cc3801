package org.pkgforge.sql.row;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.Nested;

/**
 * A build host: an agent the controller starts and keeps over SSH. {@code hostKey} is the pinned
 * key line; {@code offeredHostKey} what the host last presented when that did not match.
 */
public record Host(
        int id,
        String name,
        int slots,
        boolean enabled,
        String state,
        String stateReason,
        String version,
        Instant lastSeen,
        @Nested("ssh") SshTarget ssh,
        String hostKey,
        String offeredHostKey,
        String workDir,
        String javaCommand,
        Integer forwardPort,
        List<String> platforms) {

    public Host {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** Where to log in: {@code user@host:port}. */
    public record SshTarget(String user, String host, int port) {
        @Override
        public String toString() {
            return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
