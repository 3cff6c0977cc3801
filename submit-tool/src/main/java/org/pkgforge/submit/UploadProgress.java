package org.pkgforge.submit;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The upload's progress bar on a terminal, redrawn in place at most ten times a second:
 * {@code Uploading [#########...........]  45%  4.7 of 10.5 MiB  6.2 MiB/s}. Silent when not shown.
 */
final class UploadProgress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintWriter err;
    private final long total;
    private final boolean shown;
    private final LongSupplier clock;
    private final long started;
    private long lastDrawn = Long.MIN_VALUE;
    private long sent;

    UploadProgress(PrintWriter err, long total, boolean shown, LongSupplier nanoClock) {
        this.err = err;
        this.total = Math.max(1, total);
        this.shown = shown;
        this.clock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    void sent(long bytes) {
        sent = bytes;
        long now = clock.getAsLong();
        if (shown && (lastDrawn == Long.MIN_VALUE || now - lastDrawn >= REDRAW_NANOS)) {
            draw(now);
            lastDrawn = now;
        }
    }

    void done() {
        if (shown) {
            draw(clock.getAsLong());
            err.println();
        }
    }

    private void draw(long now) {
        err.print("\r" + line(now));
        err.flush();
    }

    String line(long now) {
        long bytes = Math.min(sent, total);
        int filled = (int) (bytes * WIDTH / total);
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        return String.format(
                Locale.ROOT,
                "Uploading [%s%s] %3d%%  %.1f of %.1f MiB  %.1f MiB/s",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                bytes * 100 / total,
                bytes / MIB,
                total / MIB,
                bytes / MIB / seconds);
    }
}
