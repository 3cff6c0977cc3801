package org.pkgforge.protocol.message;

/** Controller → agent: the result is stored ({@code accepted}) or refused with a reason. */
public record ResultAck(long taskId, int attempt, boolean accepted, String reason) implements Message, TaskScoped {}
