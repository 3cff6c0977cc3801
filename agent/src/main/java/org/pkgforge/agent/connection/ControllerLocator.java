package org.pkgforge.agent.connection;

import java.io.IOException;

/**
 * Where to connect next. Asked before every connection attempt, because an agent on a build host
 * reaches the controller through an SSH remote forward whose port can change when the controller
 * re-establishes the SSH connection.
 */
public interface ControllerLocator {
    ControllerAddress locate() throws IOException;
}
