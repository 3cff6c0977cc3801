package org.pkgforge.agent.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.pkgforge.agent.connection.Session;
import org.pkgforge.protocol.message.LogChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships one attempt's log file as LogChunks while it grows. Nothing is kept in memory: the file is
 * the spool, {@code acked} is how far the controller has stored it, {@code position} how far this
 * session has sent.
 *
 * <p>After a reconnect the controller knows best where its copy ends, so the shipper waits for
 * the first LogAck on the new session and resumes exactly there: no gap and no duplicate. A
 * controller that has nothing to say answers the agent's first Heartbeat with its own, or stays
 * silent for a heartbeat period; the shipper then resumes from the last acknowledged offset and
 * the controller drops the bytes it already has.
 */
public final class LogShipper implements AutoCloseable {
    /** Largest LogChunk: small enough to keep heartbeats flowing between chunks. */
    public static final int MAX_LOG_CHUNK = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
    // 64 chunks per 20 ms tick is 200 MB/s: the connection's writability, not this cap, is the
    // limit for a fast build (16 capped it at 50 MB/s, exactly the rate a noisy build reaches).
    private static final int CHUNKS_PER_PUMP = 64;
    private static final long WAKE_MILLIS = 50;

    private final long taskId;
    private final int attempt;
    private final Path file;

    private FileChannel channel;
    private Session session;
    private long position;
    private long acked;
    private boolean awaitingResync;
    private long resyncDeadlineNanos;
    private long finalSize = -1;
    private boolean closed;

    public LogShipper(long taskId, int attempt, Path file) {
        this.taskId = taskId;
        this.attempt = attempt;
        this.file = file;
    }

    /**
     * Starts sending on {@code session}. {@code resync} is true when the attempt predates the
     * session, so the controller may hold more (or less) than was acknowledged.
     */
    public synchronized void attach(Session session, boolean resync) {
        this.session = session;
        this.position = acked;
        this.awaitingResync = resync;
        this.resyncDeadlineNanos = System.nanoTime() + session.heartbeatMillis() * 1_000_000;
        notifyAll();
    }

    public synchronized void detach(Session lost) {
        if (session == lost) {
            session = null;
            position = acked;
            notifyAll();
        }
    }

    /** The controller stored the log up to (excluding) {@code offset}. */
    public synchronized void acknowledged(Session from, long offset) {
        if (from != session) {
            return;
        }
        if (awaitingResync) {
            LOG.info("Task {} attempt {}: controller holds {} log bytes; resuming there", taskId, attempt, offset);
            awaitingResync = false;
            position = offset;
            acked = offset;
        } else {
            acked = Math.max(acked, offset);
        }
        notifyAll();
    }

    /**
     * The controller answered the agent's first heartbeat on {@code from} without a LogAck for
     * this attempt: it has nothing newer than what it acknowledged.
     */
    public synchronized void resyncDone(Session from) {
        if (from == session && awaitingResync) {
            awaitingResync = false;
            position = acked;
            notifyAll();
        }
    }

    /** The log is complete at {@code size} bytes; nothing will be appended any more. */
    public synchronized void finish(long size) {
        finalSize = size;
        notifyAll();
    }

    public synchronized long acked() {
        return acked;
    }

    /**
     * Waits until the whole finished log has been handed to {@code on}, so that a result sent
     * after it follows the last chunk on the wire.
     *
     * @return false if {@code on} closed first
     */
    public synchronized boolean awaitDrained(Session on) throws InterruptedException {
        // Ship the tail now rather than at the pump's next tick: it is on the result's critical path.
        try {
            pump();
        } catch (IOException e) {
            LOG.warn("Task {} attempt {}: could not read the log tail yet: {}", taskId, attempt, e.getMessage());
        }
        while (true) {
            if (!on.isOpen() || closed) {
                return false;
            }
            if (session == on && !awaitingResync && finalSize >= 0 && position >= finalSize) {
                return true;
            }
            wait(WAKE_MILLIS);
        }
    }

    /** Sends whatever the file gained since the last call, as far as the session can take it. */
    public synchronized void pump() throws IOException {
        if (closed || session == null || !session.isOpen()) {
            return;
        }
        if (awaitingResync) {
            if (System.nanoTime() - resyncDeadlineNanos < 0) {
                return;
            }
            LOG.warn("Task {} attempt {}: no LogAck after reconnect; resuming at {}", taskId, attempt, acked);
            awaitingResync = false;
            position = acked;
        }
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        for (int i = 0; i < CHUNKS_PER_PUMP && session.isWritable() && channel.size() > position; i++) {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_LOG_CHUNK);
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            byte[] data = Arrays.copyOf(buffer.array(), read);
            if (!session.trySend(new LogChunk(taskId, attempt, position, data))) {
                break;
            }
            position += read;
        }
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing {}: {}", file, e.toString());
            }
        }
    }
}
