package org.pkgforge.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The agent's process id in a file, written atomically at start and removed on a clean exit. The
 * SSH launcher reads it to tell "agent running, only the connection dropped" from "agent gone".
 */
final class PidFile implements AutoCloseable {
    private final Path file;

    private PidFile(Path file) {
        this.file = file;
    }

    /** Writes the file; {@code null} means no pid file was asked for. */
    static PidFile write(Path file) throws IOException {
        if (file == null) {
            return new PidFile(null);
        }
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new PidFile(target);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            String recorded = Files.exists(file)
                    ? Files.readString(file, StandardCharsets.US_ASCII).strip()
                    : "";
            // A newer agent may have taken the file over; only remove our own.
            if (recorded.equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(file);
            }
        }
    }
}
