package org.pkgforge.controller.uploads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.pkgforge.controller.files.Trees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes uploads nobody committed: an entry of a user's area untouched (itself and everything in
 * it) for {@code abandonAfter} is deleted. Committed uploads have already left the area.
 */
public final class UploadCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UploadCollector.class);

    private final Path uploadsDir;
    private final Duration abandonAfter;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public UploadCollector(Path uploadsDir, Duration abandonAfter, Clock clock) {
        this.uploadsDir = uploadsDir;
        this.abandonAfter = abandonAfter;
        this.clock = clock;
    }

    public void start() {
        long period = Math.max(60, Math.min(3600, abandonAfter.toSeconds() / 4));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "upload-collector");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::collectLogged, 0, period, TimeUnit.SECONDS);
    }

    private void collectLogged() {
        try {
            collect();
        } catch (IOException | RuntimeException e) {
            log.warn("upload collection failed: {}", e.toString());
        }
    }

    /** One pass; returns how many abandoned uploads were removed. */
    public int collect() throws IOException {
        if (!Files.isDirectory(uploadsDir)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(abandonAfter);
        int removed = 0;
        try (Stream<Path> userAreas = Files.list(uploadsDir)) {
            for (Path area : (Iterable<Path>) userAreas::iterator) {
                if (!Files.isDirectory(area, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (Stream<Path> uploads = Files.list(area)) {
                    for (Path upload : (Iterable<Path>) uploads::iterator) {
                        if (newest(upload).isBefore(cutoff)) {
                            log.info("removing abandoned upload {}/{}", area.getFileName(), upload.getFileName());
                            Trees.deleteRecursively(upload);
                            removed++;
                        }
                    }
                }
            }
        }
        return removed;
    }

    private static Instant newest(Path upload) throws IOException {
        Instant newest = Instant.EPOCH;
        try (Stream<Path> walk = Files.walk(upload)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                if (t.toInstant().isAfter(newest)) {
                    newest = t.toInstant();
                }
            }
        }
        return newest;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
