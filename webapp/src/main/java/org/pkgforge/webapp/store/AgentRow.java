package org.pkgforge.webapp.store;

import java.time.Instant;
import java.util.List;

/**
 * An agent as the admin pages show it: a build host over SSH ({@code launcher} 'ssh', with its
 * address and pinned host key) or a local agent. {@code busy} counts its open attempts. The
 * fingerprints are {@code SHA256:…} as ssh-keygen prints them; {@code offeredHostKey} is what the
 * host presented when it did not match the pinned key, else null.
 */
public record AgentRow(
        String name,
        String launcher,
        boolean enabled,
        String state,
        String stateReason,
        int slots,
        long busy,
        List<String> platforms,
        String ssh,
        String hostKey,
        String hostKeyFingerprint,
        String offeredHostKey,
        String offeredHostKeyFingerprint,
        String version,
        Instant lastSeen) {
    public AgentRow {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** Online and enabled: it may claim tasks. */
    public boolean takesTasks() {
        return enabled && "online".equals(state);
    }
}
