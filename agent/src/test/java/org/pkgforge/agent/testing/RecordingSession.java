package org.pkgforge.agent.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pkgforge.agent.connection.Session;
import org.pkgforge.protocol.message.Message;

/** A session without a network: records what is sent; tests flip open and writable. */
public final class RecordingSession implements Session {
    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final long heartbeatMillis;
    private volatile boolean open = true;
    private volatile boolean writable = true;

    public RecordingSession(long heartbeatMillis) {
        this.heartbeatMillis = heartbeatMillis;
    }

    public List<Message> sent() {
        return sent;
    }

    public void close() {
        open = false;
    }

    public void setWritable(boolean writable) {
        this.writable = writable;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public long heartbeatMillis() {
        return heartbeatMillis;
    }

    @Override
    public boolean trySend(Message message) {
        if (!open) {
            return false;
        }
        sent.add(message);
        return true;
    }

    @Override
    public boolean send(Message message) {
        return trySend(message);
    }
}
