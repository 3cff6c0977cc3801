package org.pkgforge.webapp.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * A directory the web side serves files from. Names come from URLs, so each one is checked to be a
 * bare name, resolved one component at a time, and refused when any component is a symlink: a
 * symlink planted in a build result (or a repository) must not expose the rest of the disk.
 */
public final class SafeRoot {
    private static final int MAX_NAME = 255;

    private final Path root;

    public SafeRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A name that names exactly one entry of a directory: no separators, no dot-dot, no control characters. */
    public static boolean isBareName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || name.equals(".") || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The regular file at {@code names} under the root, if every step is safe and it exists. */
    public Optional<Path> regularFile(List<String> names) {
        return resolve(names)
                .filter(p ->
                        attributes(p).map(BasicFileAttributes::isRegularFile).orElse(false));
    }

    /** The directory at {@code names} under the root (the root itself for no names). */
    public Optional<Path> directory(List<String> names) {
        return resolve(names)
                .filter(p -> attributes(p).map(BasicFileAttributes::isDirectory).orElse(false));
    }

    /** Attributes of the entry itself, never of a link target; empty when it does not exist. */
    public static Optional<BasicFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Unreadable entries are treated like missing ones: the caller answers 404 either way.
            return Optional.empty();
        }
    }

    private Optional<Path> resolve(List<String> names) {
        Path path = root;
        for (String name : names) {
            if (!isBareName(name)) {
                return Optional.empty();
            }
            path = path.resolve(name);
            Optional<BasicFileAttributes> attrs = attributes(path);
            if (attrs.isEmpty() || attrs.get().isSymbolicLink()) {
                return Optional.empty();
            }
        }
        // Redundant after the bare-name checks; kept so a future relaxation of them cannot escape.
        Path normalized = path.normalize();
        return normalized.startsWith(root) ? Optional.of(normalized) : Optional.empty();
    }
}
