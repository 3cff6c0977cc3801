package org.pkgforge.protocol.message;

/** Controller → agent: the log is stored up to (excluding) byte {@code offset}; resume from there. */
public record LogAck(long taskId, int attempt, long offset) implements Message, TaskScoped {}
