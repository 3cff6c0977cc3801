package org.pkgforge.webapp.logs;

import java.util.concurrent.Semaphore;

/**
 * The server-wide limits of live log streams. Each open stream holds a worker thread (it polls the
 * file), so their number is capped below the worker pool, leaving threads for pages; closing tells
 * every stream to end at its next poll so the server can stop.
 *
 * <p>Whoever stores log bytes may {@link #signal} after each write: streams then wake at once
 * instead of at their next poll. The poll stays as the fallback, so a log written by anyone else
 * is still followed, only later.
 */
public final class LogStreams implements AutoCloseable {
    private final Semaphore slots;
    private final Object growth = new Object();
    private long generation;
    private volatile boolean closed;

    public LogStreams(int maxStreams) {
        this.slots = new Semaphore(maxStreams);
    }

    /** Takes a slot; false when all are in use. */
    public boolean tryOpen() {
        return !closed && slots.tryAcquire();
    }

    public void release() {
        slots.release();
    }

    public boolean closed() {
        return closed;
    }

    /** Some log grew: wakes every stream waiting in {@link #awaitGrowth}. */
    public void signal() {
        synchronized (growth) {
            generation++;
            growth.notifyAll();
        }
    }

    /** The current growth generation; pass it to {@link #awaitGrowth} after reading the log. */
    public long generation() {
        synchronized (growth) {
            return generation;
        }
    }

    /** Waits until a signal after {@code seen}, closing, or {@code maxMillis}, whichever comes first. */
    public void awaitGrowth(long seen, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        synchronized (growth) {
            while (generation == seen && !closed) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                growth.wait(left);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        signal();
    }
}
