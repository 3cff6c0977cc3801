package org.pkgforge.sql.row;

import java.time.Instant;

/** One claim of a task: who ran it, when, and how it ended (null outcome: still running). */
public record AttemptRow(
        long taskId,
        int number,
        String agentName,
        Instant claimedAt,
        Instant startedAt,
        Instant finishedAt,
        String outcome,
        String reason,
        long logBytes) {}
