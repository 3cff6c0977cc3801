package org.pkgforge.webapp.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events. A chunk's text becomes one {@code data:} field per line plus an empty
 * one when it ends with a newline, so the browser's {@code event.data} is exactly the text (never
 * empty, which the browser would drop). The text must hold no CR (LogText removes it).
 */
final class EventStream {
    private final OutputStream out;

    EventStream(OutputStream out) {
        this.out = out;
    }

    void retry(long millis) throws IOException {
        write("retry: " + millis + "\n\n");
    }

    /** Queues a chunk's event; {@link #flush} sends what is queued, so a burst is one write. */
    void chunk(LogChunk chunk) throws IOException {
        String text = chunk.text();
        StringBuilder event = new StringBuilder(text.length() + text.length() / 8 + 64);
        event.append("id: ").append(chunk.end()).append('\n');
        int from = 0;
        while (true) {
            int newline = text.indexOf('\n', from);
            event.append("data: ")
                    .append(text, from, newline < 0 ? text.length() : newline)
                    .append('\n');
            if (newline < 0) {
                break;
            }
            from = newline + 1;
        }
        out.write(event.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }

    void flush() throws IOException {
        out.flush();
    }

    void end(long offset) throws IOException {
        write("event: end\nid: " + offset + "\ndata: finished\n\n");
    }

    void keepalive() throws IOException {
        write(": keepalive\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
