package org.pkgforge.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UploadProgressTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void drawsABarWithPercentSizesAndRate() {
        AtomicLong clock = new AtomicLong(0);
        StringWriter out = new StringWriter();
        UploadProgress progress = new UploadProgress(new PrintWriter(out), 10 * MIB, true, clock::get);
        clock.set(2_000_000_000L);
        progress.sent(5 * MIB);
        assertThat(out.toString())
                .isEqualTo("\rUploading [###############...............]  50%  5.0 of 10.0 MiB  2.5 MiB/s");
    }

    @Test
    void redrawsAtMostTenTimesASecondButAlwaysAtTheEnd() {
        AtomicLong clock = new AtomicLong(0);
        StringWriter out = new StringWriter();
        UploadProgress progress = new UploadProgress(new PrintWriter(out), 100, true, clock::get);
        for (int i = 1; i <= 100; i++) {
            clock.addAndGet(1_000_000L); // 1 ms per chunk: 100 chunks in 0.1 s
            progress.sent(i);
        }
        progress.done();
        String text = out.toString();
        assertThat(text.split("\r", -1)).hasSizeBetween(3, 4); // first draw, one redraw after 100 ms, the final one
        assertThat(text).endsWith("100%  0.0 of 0.0 MiB  0.0 MiB/s" + System.lineSeparator());
    }

    @Test
    void silentWhenNotOnATerminal() {
        StringWriter out = new StringWriter();
        UploadProgress progress = new UploadProgress(new PrintWriter(out), 100, false, () -> 0);
        progress.sent(50);
        progress.done();
        assertThat(out.toString()).isEmpty();
    }
}
