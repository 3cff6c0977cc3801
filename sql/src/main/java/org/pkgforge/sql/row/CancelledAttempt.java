package org.pkgforge.sql.row;

/** A running attempt that was cancelled: the agent running it should stop the build. */
public record CancelledAttempt(long taskId, int attempt, String agentName) {}
