package org.pkgforge.webapp.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Follows one build log for one viewer: reads the file whenever the farm signals that a log grew
 * (or at the latest every {@code poll}), sends new whole lines as events
 * whose id is the byte offset after them, and ends with an {@code end} event once the log can no
 * longer grow. Runs on a (blocking) worker thread; every wait is bounded, and a stream lasts at most
 * {@code maxStream}, after which the browser reconnects with its Last-Event-ID and loses nothing.
 */
public final class LogTailer {
    /** Timing and size limits; see {@link #DEFAULTS}. */
    public record Limits(Duration poll, Duration liveCheck, Duration keepalive, Duration maxStream, int maxEvent) {}

    public static final Limits DEFAULTS = new Limits(
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofMinutes(5), 16 * 1024);

    private final Supplier<Optional<Path>> logFile;
    private final BooleanSupplier live;
    private final LogStreams streams;
    private final Limits limits;

    /**
     * @param logFile finds the log (it may not exist yet)
     * @param live whether the log may still grow; asked before each final read, so nothing written
     *     before it turned false is missed
     */
    public LogTailer(Supplier<Optional<Path>> logFile, BooleanSupplier live, LogStreams streams, Limits limits) {
        this.logFile = logFile;
        this.live = live;
        this.streams = streams;
        this.limits = limits;
    }

    /** Streams from byte {@code from} until the log is finished, the time is up or the server stops. */
    public void stream(OutputStream out, long from) throws IOException, InterruptedException {
        EventStream events = new EventStream(out);
        events.retry(1000);
        long deadline = System.nanoTime() + limits.maxStream().toNanos();
        long nextLiveCheck = System.nanoTime();
        long lastWrite = System.nanoTime();
        boolean growing = true;
        long offset = from;
        SeekableByteChannel channel = null;
        try {
            while (System.nanoTime() < deadline && !streams.closed()) {
                if (System.nanoTime() >= nextLiveCheck) {
                    growing = live.getAsBoolean();
                    nextLiveCheck = System.nanoTime() + limits.liveCheck().toNanos();
                }
                // Taken before reading: a signal during the read makes the wait below return at once.
                long seen = streams.generation();
                if (channel == null) {
                    channel = open().orElse(null);
                }
                if (channel != null) {
                    BuildLog log = new BuildLog(channel, limits.maxEvent());
                    if (offset > log.size()) {
                        offset = 0; // a new attempt's log replaced a longer one
                    }
                    for (Optional<LogChunk> c = log.read(offset, !growing);
                            c.isPresent();
                            c = log.read(offset, !growing)) {
                        events.chunk(c.get());
                        offset = c.get().end();
                        lastWrite = System.nanoTime();
                    }
                    events.flush();
                }
                if (!growing) {
                    events.end(offset);
                    return;
                }
                if (System.nanoTime() - lastWrite > limits.keepalive().toNanos()) {
                    events.keepalive(); // also notices a viewer that went away
                    lastWrite = System.nanoTime();
                }
                streams.awaitGrowth(seen, limits.poll().toMillis());
            }
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    private Optional<SeekableByteChannel> open() throws IOException {
        Optional<Path> path = logFile.get();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newByteChannel(path.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // moved aside for a new attempt between the lookup and the open
        }
    }
}
