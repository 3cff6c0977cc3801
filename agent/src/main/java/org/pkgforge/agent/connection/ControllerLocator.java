package org.pkgforge.agent.connection;

import java.io.IOException;

/**
 * Where to connect next. Asked before every connection attempt, because an agent on a build host
 * reaches the controller through an SSH remote forward whose port can change when the controller
 * re-establishes the SSH connection.
 */
public interface ControllerLocator {
    ControllerAddress locate() throws IOException;

    /**
     * Changes whenever the answer of {@link #locate()} may have changed (a rewritten port file), so
     * a waiting connection can retry at once instead of sitting out its backoff.
     */
    default long generation() {
        return 0;
    }
}
