package org.pkgforge.agent.connection;

import java.util.Optional;

/** The agent's view of its connection: the current session, if any, or wait for the next one. */
public interface SessionSource {
    Optional<Session> current();

    /** Blocks until a session is open. Interrupted when the connection is closed for good. */
    Session await() throws InterruptedException;
}
