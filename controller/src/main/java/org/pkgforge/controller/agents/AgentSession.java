package org.pkgforge.controller.agents;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.pkgforge.protocol.message.Abort;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.sql.row.ClaimedTask;

/**
 * One connected, authenticated agent. Work for it runs on its own single thread, in arrival
 * order, off the Netty event loop (it touches the database and the disk).
 *
 * <p>Bulk messages (log and product chunks) count against a small inbound budget: above it the
 * channel stops reading, so a build printing faster than the disk takes it waits in the agent's
 * spool (its log file) instead of in the controller's heap, and a heartbeat is never queued behind
 * more than a few megabytes of chunks.
 */
public final class AgentSession {
    /** Queued bulk bytes at which the channel stops reading, and at which it reads again. */
    static final long PAUSE_READ_AT = 4L * 1024 * 1024;

    static final long RESUME_READ_AT = 1024 * 1024;

    private final String name;
    private final String version;
    // What the agent process was started with (its --slots): it refuses a task beyond that.
    private final int launchedSlots;
    // The registry's slots for the agent, which an admin may lower or raise while it runs.
    private volatile int registrySlots;
    private final Channel channel;
    private final Set<ClaimedTask> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker;
    private final AtomicLong queuedBulkBytes = new AtomicLong();
    private boolean claimsPaused;
    // Attempts already aborted on this connection (stale or cancelled): told once, not per chunk.
    private final Set<ClaimedTask> refused = ConcurrentHashMap.newKeySet();

    AgentSession(String name, String version, int slots, Channel channel) {
        this.name = name;
        this.version = version;
        this.launchedSlots = slots;
        this.registrySlots = slots;
        this.channel = channel;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agent-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /**
     * Slots for new claims: the registry's count, but never more than the agent was started with.
     * Negative after an admin lowered the slots below what runs: those tasks keep running, and
     * nothing new is claimed until enough of them end.
     */
    public int freeSlots() {
        return Math.min(launchedSlots, registrySlots) - running.size();
    }

    public int launchedSlots() {
        return launchedSlots;
    }

    /** The registry's slot count for this agent, read when it connects and whenever an admin changes it. */
    void useRegistrySlots(int slots) {
        registrySlots = slots;
    }

    public Set<ClaimedTask> running() {
        return running;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public ChannelFuture send(Message message) {
        return channel.writeAndFlush(message);
    }

    /** Blocks until the channel can take more (back-pressure for large transfers). */
    void awaitWritable() throws InterruptedException {
        while (channel.isActive() && !channel.isWritable()) {
            Thread.sleep(2);
        }
    }

    void execute(Runnable work) {
        worker.execute(work);
    }

    /**
     * Queues work carrying {@code bytes} of payload. Called on the event loop; reading pauses while
     * more than {@link #PAUSE_READ_AT} bytes wait.
     */
    void executeBulk(int bytes, Runnable work) {
        queuedBulkBytes.addAndGet(bytes);
        updateReading();
        worker.execute(() -> {
            try {
                work.run();
            } finally {
                long before = queuedBulkBytes.getAndAdd(-bytes);
                if (before > RESUME_READ_AT && before - bytes <= RESUME_READ_AT) {
                    // Reading is switched only on the event loop, so this runs after any pause it undoes.
                    channel.eventLoop().execute(this::updateReading);
                }
            }
        });
    }

    long queuedBulkBytes() {
        return queuedBulkBytes.get();
    }

    private void updateReading() {
        long queued = queuedBulkBytes.get();
        boolean reading = channel.config().isAutoRead();
        if (reading && queued >= PAUSE_READ_AT) {
            channel.config().setAutoRead(false);
        } else if (!reading && queued <= RESUME_READ_AT) {
            channel.config().setAutoRead(true);
        }
    }

    /**
     * Runs {@code claim} for this agent unless claims are paused. Under the session's lock, so once
     * {@link #pauseClaims} returns no claim for it is in flight.
     */
    synchronized Optional<ClaimedTask> claimUnlessPaused(Supplier<Optional<ClaimedTask>> claim) {
        return claimsPaused ? Optional.empty() : claim.get();
    }

    /** Stops (or resumes) new claims for this agent, e.g. while deciding to replace it. */
    synchronized void pauseClaims(boolean paused) {
        claimsPaused = paused;
    }

    /**
     * Forgets {@code attempt} and tells the agent to kill it, once per connection: a stale or
     * cancelled attempt's chunks keep arriving until the agent reads the Abort. True when the Abort
     * was sent now, false when it had been already.
     */
    boolean abortOnce(ClaimedTask attempt, String reason) {
        running.remove(attempt);
        if (!refused.add(attempt)) {
            return false;
        }
        send(new Abort(attempt.taskId(), attempt.attempt(), reason));
        return true;
    }

    void close() {
        channel.close();
        worker.shutdown();
    }
}
