package org.pkgforge.controller.dispatch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to hand out work. Event-driven: a registered job, a connected agent or a freed
 * slot calls {@link #wake()}, and a pass runs at once on the dispatcher thread (wake-ups that
 * arrive during a pass coalesce into one more pass). A slow sweep requeues tasks whose lease ran
 * out and runs a pass as a safety net; it never decides latency.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** One dispatch pass: give every free slot of every connected agent a task, if any waits. */
    public interface Pass {
        void run();
    }

    /** The sweep's lease check; returns how many tasks it put back in the queue. */
    public interface LeaseSweep {
        int requeueExpired();
    }

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dispatcher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Pass pass;
    private final LeaseSweep sweep;

    public Dispatcher(Pass pass, LeaseSweep sweep) {
        this.pass = pass;
        this.sweep = sweep;
    }

    public void start(Duration sweepInterval) {
        thread.scheduleWithFixedDelay(this::sweep, 0, sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void wake() {
        if (scheduled.compareAndSet(false, true)) {
            thread.execute(this::runPass);
        }
    }

    private void runPass() {
        scheduled.set(false);
        try {
            pass.run();
        } catch (RuntimeException e) {
            log.error("dispatch pass failed; the sweep will retry", e);
        }
    }

    private void sweep() {
        try {
            int requeued = sweep.requeueExpired();
            if (requeued > 0) {
                log.warn("{} task(s) requeued: their agent's lease expired", requeued);
            }
        } catch (RuntimeException e) {
            log.error("lease sweep failed", e);
        }
        runPass();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
