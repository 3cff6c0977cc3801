package org.pkgforge.webapp.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildLogTest {
    @TempDir
    Path tmp;

    @Test
    void readsWholeLinesAndHoldsBackAPartialOne() throws IOException {
        try (SeekableByteChannel c = channel("a\nbb\ncc")) {
            BuildLog log = new BuildLog(c, 1024);
            assertThat(log.read(0, false)).contains(new LogChunk(0, 5, "a\nbb\n"));
            assertThat(log.read(5, false)).isEmpty();
            assertThat(log.read(5, true)).contains(new LogChunk(5, 7, "cc"));
            assertThat(log.read(7, true)).isEmpty();
        }
    }

    @Test
    void capsAChunkAtItsLastNewlineAndBreaksAnOverlongLineBetweenCharacters() throws IOException {
        try (SeekableByteChannel c = channel("12\n34\n56\n")) {
            assertThat(new BuildLog(c, 7).read(0, false)).contains(new LogChunk(0, 6, "12\n34\n"));
        }
        // "ü" is two bytes; a 4-byte cap falls inside the second one, so the break comes before it.
        try (SeekableByteChannel c = channel("aüüü\n")) {
            Optional<LogChunk> first = new BuildLog(c, 4).read(0, false);
            assertThat(first).contains(new LogChunk(0, 3, "aü"));
        }
    }

    @Test
    void tailStartsAtALineWithinTheWindow() throws IOException {
        try (SeekableByteChannel c = channel("short\n")) {
            assertThat(new BuildLog(c, 10).tailStart()).isZero();
        }
        String line = "x".repeat(99) + "\n";
        String text = line.repeat(1000); // 100,000 bytes
        try (SeekableByteChannel c = channel(text)) {
            long start = new BuildLog(c, 10).tailStart();
            assertThat(start % 100).isZero();
            assertThat(text.length() - start)
                    .isLessThanOrEqualTo(BuildLog.TAIL_WINDOW)
                    .isGreaterThan(BuildLog.TAIL_WINDOW - 100);
        }
    }

    @Test
    void controlSequencesAreRemovedButTabsAndNewlinesKept() {
        assertThat(LogText.clean("\u001b[1;31mred\u001b[0m\tok\r\n\u001b]0;title\u0007x\u0000\u0085y\u007f"))
                .isEqualTo("red\tok\nxy");
        assertThat(LogText.clean("<b>&amp;</b>")).isEqualTo("<b>&amp;</b>");
    }

    private SeekableByteChannel channel(String text) throws IOException {
        Path file = Files.writeString(tmp.resolve("build.log"), text, StandardCharsets.UTF_8);
        return Files.newByteChannel(file);
    }
}
