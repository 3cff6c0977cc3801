package org.pkgforge.webapp.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogTailerTest {
    private static final LogTailer.Limits FAST = new LogTailer.Limits(
            Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofSeconds(20), 1024);

    @TempDir
    Path tmp;

    @Test
    void waitsForTheLogThenSendsTheRestAndEndsWhenItStopsGrowing() throws Exception {
        Path log = tmp.resolve("build.log");
        AtomicBoolean live = new AtomicBoolean(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogTailer tailer = new LogTailer(
                () -> Files.exists(log) ? Optional.of(log) : Optional.empty(), live::get, new LogStreams(1), FAST);
        CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> {
            try {
                tailer.stream(out, 0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100); // the file does not exist yet: the tailer keeps polling
        Files.writeString(log, "first\nsecond, unfinished");
        Thread.sleep(100);
        Files.writeString(log, " line", StandardOpenOption.APPEND);
        live.set(false);
        streaming.get(10, TimeUnit.SECONDS);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("retry: 1000\n\n"
                        + "id: 6\ndata: first\ndata: \n\n"
                        + "id: 29\ndata: second, unfinished line\n\n"
                        + "event: end\nid: 29\ndata: finished\n\n");
    }

    @Test
    void closingTheStreamsEndsAnOpenStream() throws Exception {
        LogStreams streams = new LogStreams(1);
        assertThat(streams.tryOpen()).isTrue();
        assertThat(streams.tryOpen()).as("only one slot").isFalse();
        LogTailer tailer = new LogTailer(Optional::empty, () -> true, streams, FAST);
        CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> {
            try {
                tailer.stream(new ByteArrayOutputStream(), 0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(streaming).isNotDone();
        streams.close();
        streaming.get(5, TimeUnit.SECONDS);
        streams.release();
        assertThat(streams.tryOpen()).as("closed streams take no new viewers").isFalse();
    }
}
