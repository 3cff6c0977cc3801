package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The attempt's log: one append-only file that is shipped to the controller while it grows. Child
 * processes append to {@link #file()} directly, so their stdout and stderr interleave as they
 * happened and nothing is copied through the JVM.
 */
public interface LogSink {
    /** Appends one line of the agent's own (a command header, a verdict). */
    void line(String text) throws IOException;

    Path file();
}
