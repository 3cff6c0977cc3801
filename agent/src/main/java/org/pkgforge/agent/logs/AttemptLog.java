package org.pkgforge.agent.logs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.pkgforge.agent.build.LogSink;

/** The attempt's {@code build.log}. Only ever appended to, so byte offsets stay valid. */
public final class AttemptLog implements LogSink {
    private final Path file;

    public AttemptLog(Path file) throws IOException {
        this.file = file;
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }

    @Override
    public void line(String text) throws IOException {
        Files.writeString(file, text + "\n", UTF_8, StandardOpenOption.APPEND);
    }

    @Override
    public Path file() {
        return file;
    }

    public long size() throws IOException {
        return Files.size(file);
    }
}
