package org.pkgforge.agent.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The attempt's log: one append-only file that is shipped to the controller while it grows. Child
 * processes append to {@link #file()} directly, so their stdout and stderr interleave as they
 * happened and nothing is copied through the JVM.
 */
public interface LogSink {
    /** How much of a log's end {@link #tailSince} reads at most. */
    int TAIL_BYTES = 64 * 1024;

    /** Appends one line of the agent's own (a command header, a verdict). */
    void line(String text) throws IOException;

    Path file();

    /**
     * What was written from {@code offset} on (a size taken before a command ran), at most its
     * last {@link #TAIL_BYTES}: where a builder looks for the lines that explain a failure.
     */
    default String tailSince(long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "r")) {
            long start = Math.max(offset, raf.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) Math.max(0, raf.length() - start)];
            raf.seek(start);
            raf.readFully(bytes);
            return new String(bytes, UTF_8);
        }
    }
}
