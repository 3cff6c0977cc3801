package org.pkgforge.controller.host;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host tool (createrepo_c, rpm, ...) to completion, bounded, with its output in any error. */
public final class HostCommand {
    private HostCommand() {}

    /** Returns stdout and stderr merged; a non-zero exit, a timeout or an interrupt is an IOException. */
    public static String run(List<String> command, Path dir, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " timed out after " + timeout);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command.get(0) + " exited " + p.exitValue() + ": " + output.strip());
        }
        return output;
    }
}
