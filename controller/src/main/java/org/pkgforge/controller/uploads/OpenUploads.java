package org.pkgforge.controller.uploads;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of upload areas that are open for writing, by file identity (device and inode, not
 * name), so that a commit never takes a file a user can still write through a handle opened
 * before. Opening for writing, renaming inside an area, and a commit's check-then-move all run
 * under one lock, so a file cannot be opened, or renamed into the job, between the check and the
 * move. Each of these holds the lock for a system call or two.
 */
public final class OpenUploads {
    /** An action on the file system that may fail. */
    public interface FileAction<T> {
        T run() throws IOException;
    }

    private final Map<Object, Integer> writersByFile = new HashMap<>();
    private final Map<Object, Object> fileByHandle = new HashMap<>();

    /**
     * Opens {@code file} for writing with {@code open} and remembers it under {@code handle} until
     * {@link #closed}. The file's identity is read right after opening, under the lock, so it is
     * the file that was opened (nothing renames in the area meanwhile).
     */
    public synchronized <C extends Closeable> C openForWriting(Path file, Object handle, FileAction<C> open)
            throws IOException {
        C channel = open.run();
        try {
            Object key = identity(file);
            writersByFile.merge(key, 1, Integer::sum);
            fileByHandle.put(handle, key);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public synchronized void closed(Object handle) {
        Object key = fileByHandle.remove(handle);
        if (key != null) {
            writersByFile.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** Runs a rename inside an upload area, never between a commit's check and its move. */
    public synchronized <T> T renaming(FileAction<T> rename) throws IOException {
        return rename.run();
    }

    /**
     * Moves the upload directory {@code dir} to {@code target} (one rename) unless one of its
     * files is open for writing; returns that file instead, and moves nothing.
     */
    public synchronized Optional<Path> moveUnlessOpen(Path dir, Path target) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (writersByFile.containsKey(identity(f))) {
                    return Optional.of(f);
                }
            }
        }
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        return Optional.empty();
    }

    synchronized int openFiles() {
        return writersByFile.size();
    }

    private static Object identity(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
    }
}
