package org.pkgforge.controller.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises publishes into one repository, in this JVM (a lock per path) and across processes
 * (a file lock on {@code .publish.lock}), whatever the repository's format.
 */
final class RepoLock {
    // JVM-wide: a FileLock cannot be taken twice in one JVM, so threads queue here first.
    private static final ConcurrentMap<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    private RepoLock() {}

    static void whileHolding(Path repo, Work work) throws IOException {
        Files.createDirectories(repo);
        ReentrantLock lock = locks.computeIfAbsent(repo.toAbsolutePath().normalize(), k -> new ReentrantLock());
        lock.lock();
        try (FileChannel channel = FileChannel.open(
                        repo.resolve(".publish.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
