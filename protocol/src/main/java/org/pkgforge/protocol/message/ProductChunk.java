package org.pkgforge.protocol.message;

/** Agent → controller: bytes of one built product at {@code offset}. */
public record ProductChunk(long taskId, int attempt, String file, long offset, byte[] data) implements Message, Chunk {}
