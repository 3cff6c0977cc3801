package org.pkgforge.webapp.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a growing build log in whole lines. Offsets are bytes of the file, so a viewer can resume
 * exactly where it stopped; a chunk is cut after its last newline, which never splits a UTF-8
 * character (0x0A occurs in no multi-byte sequence).
 */
public final class BuildLog {
    /** How much a log view opens with, and how much "load earlier" adds. */
    public static final int TAIL_WINDOW = 64 * 1024;

    private final SeekableByteChannel channel;
    private final int maxChunk;

    public BuildLog(SeekableByteChannel channel, int maxChunk) {
        this.channel = channel;
        this.maxChunk = maxChunk;
    }

    public long size() throws IOException {
        return channel.size();
    }

    /**
     * The whole lines from {@code offset}, at most {@code maxChunk} bytes; a line longer than that is
     * broken at a character boundary. With {@code toEnd} an unterminated last line is included too
     * (the writer has finished). Empty when there is nothing to send yet.
     */
    public Optional<LogChunk> read(long offset, boolean toEnd) throws IOException {
        long available = channel.size() - offset;
        if (available <= 0) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxChunk, available));
        channel.position(offset);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // Keeps reading: a file channel may return fewer bytes than asked.
        }
        byte[] bytes = buffer.array();
        int length = buffer.position();
        int cut;
        if (toEnd && length == available) {
            cut = length;
        } else {
            cut = lastNewline(bytes, length) + 1;
            if (cut == 0) {
                if (length < maxChunk) {
                    return Optional.empty(); // a line still being written
                }
                cut = characterBoundary(bytes, length);
            }
        }
        String text = LogText.clean(new String(bytes, 0, cut, StandardCharsets.UTF_8));
        return Optional.of(new LogChunk(offset, offset + cut, text));
    }

    /** Where a view of the last {@link #TAIL_WINDOW} bytes starts: 0, or just after a newline. */
    public long tailStart() throws IOException {
        long size = channel.size();
        if (size <= TAIL_WINDOW) {
            return 0;
        }
        long from = size - TAIL_WINDOW;
        ByteBuffer buffer = ByteBuffer.allocate(TAIL_WINDOW);
        channel.position(from);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // As above.
        }
        byte[] bytes = buffer.array();
        for (int i = 0; i < buffer.position(); i++) {
            if (bytes[i] == '\n') {
                return from + i + 1;
            }
        }
        return from; // one enormous line: start inside it rather than show nothing
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    // Cuts before the last character when it is incomplete (its lead byte announces more bytes).
    private static int characterBoundary(byte[] bytes, int length) {
        int lead = length - 1;
        while (lead > 0 && lead > length - 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if ((bytes[lead] & 0x80) == 0) {
            return length;
        }
        int need = (bytes[lead] & 0xE0) == 0xC0 ? 2 : (bytes[lead] & 0xF0) == 0xE0 ? 3 : 4;
        return length - lead >= need || lead == 0 ? length : lead;
    }
}
