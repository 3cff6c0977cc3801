package org.pkgforge.controller.uploads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Where submissions wait: {@code <state>/sftp/uploads/<user>/} is a user's whole SFTP view,
 * {@code committing/} (out of every user's reach) holds a commit while it is processed.
 */
public final class UploadAreas {
    /** What one user's area holds now. */
    public record Usage(long bytes, int files) {}

    private final Path base;

    public UploadAreas(Path stateDir) {
        this.base = stateDir.resolve("sftp");
    }

    /** The user's root, created (mode 0700) on first use. The name was checked at authentication. */
    public Path rootOf(String user) throws IOException {
        Path root = base.resolve("uploads").resolve(user);
        if (!root.getParent().equals(base.resolve("uploads"))) {
            throw new IOException("bad user name " + user);
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        }
        return root.toRealPath();
    }

    public Path uploadsDir() {
        return base.resolve("uploads");
    }

    public Path committingDir() throws IOException {
        return Files.createDirectories(base.resolve("committing"));
    }

    public Path hostKey() throws IOException {
        return Files.createDirectories(base).resolve("host-key");
    }

    public static Usage usage(Path root) throws IOException {
        long bytes = 0;
        int files = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    bytes += Files.size(p);
                    files++;
                }
            }
        }
        return new Usage(bytes, files);
    }
}
