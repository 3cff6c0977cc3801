package org.pkgforge.agent.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.pkgforge.protocol.message.Message;

/** A {@link Session} on a Netty channel. */
final class ChannelSession implements Session {
    private static final long WAKE_MILLIS = 100;

    private final Channel channel;
    private final long heartbeatMillis;
    private final Object writable = new Object();

    ChannelSession(Channel channel, long heartbeatMillis) {
        this.channel = channel;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public long heartbeatMillis() {
        return heartbeatMillis;
    }

    @Override
    public boolean trySend(Message message) {
        if (!channel.isActive()) {
            return false;
        }
        // A frame that cannot be written leaves the peer's view inconsistent: drop the connection.
        channel.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        return true;
    }

    @Override
    public boolean send(Message message) throws InterruptedException {
        if (channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("send would block the event loop; use trySend");
        }
        synchronized (writable) {
            while (channel.isActive() && !channel.isWritable()) {
                writable.wait(WAKE_MILLIS);
            }
        }
        return trySend(message);
    }

    /** Called by the handler when the channel's writability or activity changes. */
    void wake() {
        synchronized (writable) {
            writable.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "session " + channel.id().asShortText() + " to " + channel.remoteAddress();
    }
}
