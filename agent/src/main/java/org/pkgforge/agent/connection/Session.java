package org.pkgforge.agent.connection;

import org.pkgforge.protocol.message.Message;

/** One connection to the controller after its Welcome. Gone for good once closed: a reconnect is a new one. */
public interface Session {
    boolean isOpen();

    /** False while the connection has more queued than its high-water mark: stop producing. */
    boolean isWritable();

    /** Heartbeat period the controller asked for in Welcome. */
    long heartbeatMillis();

    /** Queues the message without waiting. False if the session is closed. */
    boolean trySend(Message message);

    /**
     * Waits until the connection can take more, then queues the message: the back-pressure path
     * for bulk data such as products. Never call on the connection's event loop.
     *
     * @return false if the session closed first
     */
    boolean send(Message message) throws InterruptedException;
}
