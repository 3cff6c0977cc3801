package org.pkgforge.agent.task;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pkgforge.protocol.job.Checksums;
import org.pkgforge.protocol.message.SourceChunk;
import org.pkgforge.protocol.message.TaskAssign.SourceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes SourceChunks at their offsets (on the connection's thread: a disk write is short, and it
 * paces the socket) and tells the attempt when every byte of every source is there and verified.
 * Chunks may repeat: a controller that resends sources after a reconnect just overwrites.
 */
final class SourceReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceReceiver.class);
    private static final int SHA256_HEX = 64;

    private final Map<String, Incoming> files = new LinkedHashMap<>();
    private String failure;
    private boolean complete;

    private record Incoming(SourceFile spec, Path path, FileChannel channel, ByteRanges ranges) {}

    /** Why these sources cannot be received, or empty if they can. */
    static Optional<String> problemWith(List<SourceFile> sources) {
        if (sources.isEmpty()) {
            return Optional.of("the task has no sources");
        }
        Set<String> names = new HashSet<>();
        for (SourceFile source : sources) {
            Optional<String> badName = FileNames.problemWith(source.name());
            if (badName.isPresent()) {
                return Optional.of("source " + badName.get());
            }
            if (!names.add(source.name())) {
                return Optional.of("source '" + source.name() + "' is listed twice");
            }
            if (source.size() < 0) {
                return Optional.of("source '" + source.name() + "' has a negative size");
            }
            if (source.sha256() == null || !source.sha256().matches("[0-9a-fA-F]{" + SHA256_HEX + "}")) {
                return Optional.of("source '" + source.name() + "' has no valid SHA-256");
            }
        }
        return Optional.empty();
    }

    /** Call only with sources that passed {@link #problemWith}. */
    SourceReceiver(Path dir, List<SourceFile> sources) throws IOException {
        Files.createDirectories(dir);
        for (SourceFile source : sources) {
            Path path = dir.resolve(source.name());
            FileChannel channel = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            files.put(source.name(), new Incoming(source, path, channel, new ByteRanges()));
        }
        complete = allCovered();
    }

    synchronized void write(SourceChunk chunk) {
        if (failure != null || complete) {
            return;
        }
        Incoming incoming = files.get(chunk.file());
        if (incoming == null) {
            fail("got bytes of '" + chunk.file() + "', which is not a source of this task");
            return;
        }
        long end = chunk.offset() + chunk.data().length;
        if (chunk.offset() < 0 || end > incoming.spec().size()) {
            fail(chunk.file() + ": bytes " + chunk.offset() + ".." + end + " lie outside its announced size "
                    + incoming.spec().size());
            return;
        }
        try {
            ByteBuffer data = ByteBuffer.wrap(chunk.data());
            for (long at = chunk.offset(); data.hasRemaining(); ) {
                at += incoming.channel().write(data, at);
            }
        } catch (IOException e) {
            fail("cannot write source " + chunk.file() + ": " + e.getMessage());
            return;
        }
        incoming.ranges().add(chunk.offset(), end);
        if (allCovered()) {
            complete = true;
            notifyAll();
        }
    }

    /**
     * Waits for every byte, then checks sizes and SHA-256 (on the caller's thread, not the
     * connection's).
     *
     * @return what is wrong with the sources, or empty when all are as announced
     */
    Optional<String> awaitVerified() throws InterruptedException, IOException {
        synchronized (this) {
            while (failure == null && !complete) {
                wait();
            }
            if (failure != null) {
                return Optional.of(failure);
            }
        }
        closeFiles();
        for (Incoming incoming : files.values()) {
            SourceFile spec = incoming.spec();
            Checksums.FileDigest digest = Checksums.digest(incoming.path());
            if (digest.size() != spec.size()) {
                return Optional.of(spec.name() + ": received " + digest.size() + " bytes, expected " + spec.size());
            }
            if (!digest.sha256().equalsIgnoreCase(spec.sha256())) {
                return Optional.of(spec.name() + ": SHA-256 is " + digest.sha256() + ", expected " + spec.sha256());
            }
        }
        return Optional.empty();
    }

    /** The sources in build order. */
    List<Path> paths() {
        List<Path> paths = new ArrayList<>();
        files.values().forEach(f -> paths.add(f.path()));
        return paths;
    }

    private boolean allCovered() {
        return files.values().stream().allMatch(f -> f.ranges().covers(f.spec().size()));
    }

    private void fail(String reason) {
        LOG.warn("Sources refused: {}", reason);
        failure = reason;
        notifyAll();
    }

    private synchronized void closeFiles() {
        for (Incoming incoming : files.values()) {
            try {
                incoming.channel().close();
            } catch (IOException e) {
                LOG.debug("Closing {}: {}", incoming.path(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closeFiles();
    }
}
