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

    @Test
    void aSignalWakesTheStreamLongBeforeItsNextPoll() throws Exception {
        // A poll of a minute: only the signal can deliver the line within the 5 s wait below.
        LogTailer.Limits slowPoll = new LogTailer.Limits(
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(2), 1024);
        Path log = Files.writeString(tmp.resolve("build.log"), "");
        LogStreams streams = new LogStreams(1);
        PipedLines out = new PipedLines();
        LogTailer tailer = new LogTailer(() -> Optional.of(log), () -> true, streams, slowPoll);
        CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> {
            try {
                tailer.stream(out, 0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200); // the stream has read the empty log and waits
        Files.writeString(log, "hello\n", StandardOpenOption.APPEND);
        streams.signal();
        assertThat(out.awaitContaining("data: hello", Duration.ofSeconds(5)))
                .as("the line arrived on the signal, not on a poll a minute later")
                .isTrue();
        streams.close();
        streaming.get(5, TimeUnit.SECONDS);
    }

    /** An output stream a test can wait on. */
    private static final class PipedLines extends java.io.OutputStream {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            text.append((char) b);
            notifyAll();
        }

        synchronized boolean awaitContaining(String wanted, Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (!text.toString().contains(wanted)) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }
    }
}
