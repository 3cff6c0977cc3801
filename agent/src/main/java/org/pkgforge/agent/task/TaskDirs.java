package org.pkgforge.agent.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@code <work-dir>/tasks/<taskId>-<attempt>/}: everything one attempt writes. */
final class TaskDirs {
    private TaskDirs() {}

    static Path of(Path workDir, long taskId, int attempt) {
        return workDir.resolve("tasks").resolve(taskId + "-" + attempt);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
