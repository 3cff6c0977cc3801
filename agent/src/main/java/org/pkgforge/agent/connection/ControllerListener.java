package org.pkgforge.agent.connection;

import java.util.List;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Message;

/** What the agent does with its connection. Called on the connection's event loop: do not block. */
public interface ControllerListener {
    /** The controller said Welcome. */
    void connected(Session session);

    /** A message after Welcome, the controller's Heartbeats included. */
    void received(Session session, Message message);

    void disconnected(Session session);

    /** The attempts to list in each Heartbeat so their leases are renewed. */
    List<Heartbeat.AttemptRef> running();
}
