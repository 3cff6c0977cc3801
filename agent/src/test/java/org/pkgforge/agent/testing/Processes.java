package org.pkgforge.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process checks that do not depend on how quickly the host's init reaps orphans. */
public final class Processes {
    private Processes() {}

    /** True while {@code pid} exists and is not a zombie (killed, waiting to be reaped). */
    public static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Format: "pid (comm) S ...": the state follows the last ')'.
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }
}
