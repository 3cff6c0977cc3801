package org.pkgforge.submit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Relays server output line by line with {@link Terminal#strip} applied, so no escape sequence is split. */
final class LineFilter extends OutputStream {
    private final PrintWriter target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineFilter(PrintWriter target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    private void flushLine() {
        target.println(Terminal.strip(line.toString(StandardCharsets.UTF_8)));
        target.flush();
        line.reset();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            flushLine();
        }
    }
}
