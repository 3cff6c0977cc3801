package org.pkgforge.webapp.logs;

/**
 * Log text read from byte offset {@code start} up to {@code end} (exclusive), already cleaned by
 * {@link LogText}. {@code text} ends with a newline unless it is a forced break of an over-long line
 * or the unterminated last line of a finished log.
 */
public record LogChunk(long start, long end, String text) {}
