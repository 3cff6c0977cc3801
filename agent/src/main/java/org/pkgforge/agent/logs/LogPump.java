package org.pkgforge.agent.logs;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that polls every shipper. Polling a file's size every few milliseconds is cheap and,
 * unlike inotify, behaves the same on every filesystem a work directory may live on.
 */
public final class LogPump implements AutoCloseable {
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(20);

    private static final Logger LOG = LoggerFactory.getLogger(LogPump.class);

    private final Set<LogShipper> shippers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor;

    public LogPump(Duration period) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-pump");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pumpAll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void register(LogShipper shipper) {
        shippers.add(shipper);
    }

    public void unregister(LogShipper shipper) {
        shippers.remove(shipper);
    }

    private void pumpAll() {
        for (LogShipper shipper : shippers) {
            try {
                shipper.pump();
            } catch (Exception e) {
                // One unreadable log must not stop the others; the attempt notices on its own.
                LOG.warn("Shipping a log failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
