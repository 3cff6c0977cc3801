package org.pkgforge.controller.uploads;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One commit per job id at a time; commits of different ids do not wait for each other. A commit
 * retried while the first is still being validated waits for it, and then sees its job.
 */
final class CommitLocks {
    /** Held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final Map<String, Entry> entries = new HashMap<>();

    Held hold(String jobId) throws InterruptedException {
        Entry entry;
        synchronized (this) {
            entry = entries.computeIfAbsent(jobId, id -> new Entry());
            entry.users++;
        }
        try {
            entry.lock.lockInterruptibly();
        } catch (InterruptedException e) {
            release(jobId, entry);
            throw e;
        }
        return () -> {
            entry.lock.unlock();
            release(jobId, entry);
        };
    }

    /** Forgets an id nobody holds or waits for, so the map stays as small as the commits running. */
    private synchronized void release(String jobId, Entry entry) {
        if (--entry.users == 0) {
            entries.remove(jobId);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
