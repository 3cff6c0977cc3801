package org.pkgforge.controller.uploads;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

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

    /**
     * What the area holds now. Commits move uploads out while other sessions of the same user
     * write, so a file or directory that vanishes during the count is not an error: it is no
     * longer in the area.
     */
    public static Usage usage(Path root) throws IOException {
        long[] bytes = {0};
        int[] files = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    bytes[0] += attrs.size();
                    files[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Usage(bytes[0], files[0]);
    }
}
