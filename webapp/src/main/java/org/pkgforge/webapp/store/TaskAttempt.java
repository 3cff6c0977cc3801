package org.pkgforge.webapp.store;

import java.time.Instant;

/**
 * One claim of a task by an agent. Times after {@code claimedAt}, {@code outcome} and {@code reason}
 * are null until they happen; {@code logBytes} is what the controller stored of its log.
 */
public record TaskAttempt(
        int number,
        String agentName,
        Instant claimedAt,
        Instant startedAt,
        Instant finishedAt,
        String outcome,
        String reason,
        long logBytes) {}
