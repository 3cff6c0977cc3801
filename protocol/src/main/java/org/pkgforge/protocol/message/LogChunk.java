package org.pkgforge.protocol.message;

/** Agent → controller: build log bytes starting at byte {@code offset} of the attempt's log. */
public record LogChunk(long taskId, int attempt, long offset, byte[] data) implements Message, Chunk {}
