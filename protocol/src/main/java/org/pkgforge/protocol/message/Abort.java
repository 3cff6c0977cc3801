package org.pkgforge.protocol.message;

/** Controller → agent: stop this attempt and clean up (cancelled, or stale). */
public record Abort(long taskId, int attempt, String reason) implements Message, TaskScoped {}
