package org.pkgforge.controller.agents;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.sql.row.ClaimedTask;

/**
 * One connected, authenticated agent. Work for it runs on its own single thread, in arrival
 * order, off the Netty event loop (it touches the database and the disk).
 */
public final class AgentSession {
    private final String name;
    private final String version;
    private final int slots;
    private final Channel channel;
    private final Set<ClaimedTask> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker;

    AgentSession(String name, String version, int slots, Channel channel) {
        this.name = name;
        this.version = version;
        this.slots = slots;
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

    public int freeSlots() {
        return slots - running.size();
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

    void close() {
        channel.close();
        worker.shutdown();
    }
}
