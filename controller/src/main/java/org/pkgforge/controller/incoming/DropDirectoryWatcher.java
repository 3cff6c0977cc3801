package org.pkgforge.controller.incoming;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the incoming processor when the drop directory changes (WatchService, for speed) and on a
 * fixed rescan interval (for NFS/AFS, which deliver no events, and for missed events).
 */
public final class DropDirectoryWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DropDirectoryWatcher.class);

    private final Path dropDir;
    private final IncomingProcessor processor;
    private final Duration rescan;
    private final WatchService watcher;
    private final Thread thread;
    private volatile boolean running = true;

    public DropDirectoryWatcher(Path dropDir, IncomingProcessor processor, Duration rescan) throws IOException {
        this.dropDir = dropDir;
        this.processor = processor;
        this.rescan = rescan;
        this.watcher = FileSystems.getDefault().newWatchService();
        dropDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = new Thread(this::run, "incoming-watcher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        // Jobs submitted while the controller was down are picked up by this first pass.
        pass();
        while (running) {
            try {
                var key = watcher.poll(rescan.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
                pass();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    private void pass() {
        try {
            processor.processAll();
        } catch (IOException | RuntimeException e) {
            log.error("incoming pass over {} failed; retrying in {}", dropDir, rescan, e);
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        watcher.close();
        thread.interrupt();
    }
}
