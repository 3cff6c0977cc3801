package org.pkgforge.webapp.logs;

import java.util.concurrent.Semaphore;

/**
 * The server-wide limits of live log streams. Each open stream holds a worker thread (it polls the
 * file), so their number is capped below the worker pool, leaving threads for pages; closing tells
 * every stream to end at its next poll so the server can stop.
 */
public final class LogStreams implements AutoCloseable {
    private final Semaphore slots;
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

    @Override
    public void close() {
        closed = true;
    }
}
