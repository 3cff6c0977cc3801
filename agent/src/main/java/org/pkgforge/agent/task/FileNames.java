package org.pkgforge.agent.task;

import java.util.Optional;

/** File names from the controller become paths in the task directory only if they are bare names. */
final class FileNames {
    private FileNames() {}

    /** Why {@code name} is not a bare file name, or empty if it is one. */
    static Optional<String> problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("empty file name");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.indexOf('\0') >= 0) {
            return Optional.of("'" + name + "' is not a bare file name");
        }
        if (name.equals(".")) {
            return Optional.of("'.' is not a file name");
        }
        return Optional.empty();
    }
}
