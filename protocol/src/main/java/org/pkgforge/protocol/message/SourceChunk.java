package org.pkgforge.protocol.message;

/** Controller → agent: bytes of one source file at {@code offset}. */
public record SourceChunk(long taskId, int attempt, String file, long offset, byte[] data) implements Message, Chunk {}
