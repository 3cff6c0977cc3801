package org.pkgforge.controller.results;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The results tree: {@code results/<job>/<platform>-<arch>/} holds the live log of the current
 * attempt ({@code build.log}), the accepted products and {@code buildinfo.yml}; each earlier
 * attempt's log is kept as {@code attempt-<n>/build.log}. Products arrive in a per-attempt
 * staging directory and are moved in only once verified.
 */
public final class ResultStore {
    private final Path root;
    private final List<Runnable> logListeners = new CopyOnWriteArrayList<>();

    public ResultStore(Path root) {
        this.root = root;
    }

    /**
     * {@code listener} runs (on the storing thread, so it must not block) whenever a live log grew:
     * the web UI's log viewers wake on it instead of waiting for their next poll.
     */
    public void onLogGrowth(Runnable listener) {
        logListeners.add(listener);
    }

    /** Tells the listeners that some build.log just grew. */
    public void logGrew() {
        for (Runnable listener : logListeners) {
            listener.run();
        }
    }

    public Path targetDir(String jobId, String target) {
        return root.resolve(jobId).resolve(target);
    }

    public Path logFile(String jobId, String target) {
        return targetDir(jobId, target).resolve("build.log");
    }

    public Path stagingDir(String jobId, String target, int attempt) {
        return targetDir(jobId, target).resolve(".attempt-" + attempt + "-products");
    }

    /** Starts attempt {@code attempt}: the previous attempt's log is kept under its number. */
    public void beginAttempt(String jobId, String target, int attempt) throws IOException {
        Path dir = targetDir(jobId, target);
        Files.createDirectories(dir);
        Path log = dir.resolve("build.log");
        Path marker = dir.resolve(".attempt");
        int previous =
                Files.exists(marker) ? Integer.parseInt(Files.readString(marker).trim()) : 0;
        if (previous == attempt) {
            return;
        }
        if (Files.exists(log) && previous > 0) {
            Path keep = dir.resolve("attempt-" + previous);
            Files.createDirectories(keep);
            Files.move(log, keep.resolve("build.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(log);
        Files.createFile(log);
        Files.writeString(marker, Integer.toString(attempt));
    }

    /** The file's size after an {@link #appendAt}, and how many of the bytes were new. */
    public record Appended(long size, int written) {}

    /**
     * Writes bytes that start at {@code offset} of a file that must grow contiguously. Bytes
     * already stored are skipped (a resend after reconnect); a gap writes nothing. The returned
     * size is what the sender should continue from.
     */
    public static Appended appendAt(Path file, long offset, byte[] data) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link");
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long size = raf.length();
            if (offset > size || offset + data.length <= size) {
                return new Appended(size, 0);
            }
            int skip = (int) (size - offset);
            raf.seek(size);
            raf.write(data, skip, data.length - skip);
            return new Appended(raf.length(), data.length - skip);
        }
    }

    public static boolean isBareName(String name) {
        return name != null
                && !name.isEmpty()
                && name.length() <= 255
                && !name.equals(".")
                && !name.equals("..")
                && !name.startsWith(".")
                && name.chars().noneMatch(c -> c == '/' || c == '\\' || c < 0x20);
    }

    public static boolean isRegularFile(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }
}
