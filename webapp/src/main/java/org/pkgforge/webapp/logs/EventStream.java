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

    void chunk(LogChunk chunk) throws IOException {
        StringBuilder event = new StringBuilder(chunk.text().length() + 64);
        event.append("id: ").append(chunk.end()).append('\n');
        for (String line : chunk.text().split("\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        write(event.append('\n').toString());
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
