package org.pkgforge.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pkgforge.protocol.message.LogChunk;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.protocol.message.ProductChunk;
import org.pkgforge.protocol.message.SourceChunk;
import org.pkgforge.protocol.message.TaskAssign;
import org.pkgforge.protocol.message.TaskResult;

/** The controller's side of one task, scripted. */
public final class Tasks {
    private Tasks() {}

    public static TaskAssign assign(long taskId, int attempt, String builder, List<Path> sources) throws IOException {
        List<TaskAssign.SourceFile> files = new ArrayList<>();
        for (Path source : sources) {
            files.add(
                    new TaskAssign.SourceFile(source.getFileName().toString(), Files.size(source), Sha256.of(source)));
        }
        return new TaskAssign(taskId, attempt, "job-1", "devel", "el9", "x86_64", builder, Map.of(), files);
    }

    /** Sends each source in chunks of {@code chunkSize}, last chunk first, to exercise writes at offsets. */
    public static void sendSources(
            FakeController.Connection connection, TaskAssign assign, List<Path> sources, int chunkSize)
            throws IOException {
        for (Path source : sources) {
            byte[] bytes = Files.readAllBytes(source);
            List<SourceChunk> chunks = new ArrayList<>();
            for (int offset = 0; offset < bytes.length; offset += chunkSize) {
                byte[] data = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + chunkSize));
                chunks.add(new SourceChunk(
                        assign.taskId(), assign.attempt(), source.getFileName().toString(), offset, data));
            }
            for (int i = chunks.size() - 1; i >= 0; i--) {
                connection.send(chunks.get(i));
            }
        }
    }

    /** Everything an agent sent for an attempt up to and including its TaskResult. */
    public record Delivery(List<LogChunk> logChunks, Map<String, byte[]> products, TaskResult result) {
        public byte[] log() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            logChunks.forEach(c -> out.writeBytes(c.data()));
            return out.toByteArray();
        }
    }

    /** Reads until a TaskResult. Only LogChunks and ProductChunks may come before it. */
    public static Delivery collect(FakeController.Connection connection) throws InterruptedException {
        List<LogChunk> log = new ArrayList<>();
        Map<String, ByteArrayOutputStream> products = new LinkedHashMap<>();
        while (true) {
            Message message = connection.next();
            if (message instanceof LogChunk chunk) {
                log.add(chunk);
            } else if (message instanceof ProductChunk chunk) {
                ByteArrayOutputStream out = products.computeIfAbsent(chunk.file(), f -> new ByteArrayOutputStream());
                if (chunk.offset() != out.size()) {
                    throw new AssertionError(
                            "product " + chunk.file() + " chunk at " + chunk.offset() + ", expected " + out.size());
                }
                out.writeBytes(chunk.data());
            } else if (message instanceof TaskResult result) {
                Map<String, byte[]> bytes = new LinkedHashMap<>();
                products.forEach((name, out) -> bytes.put(name, out.toByteArray()));
                return new Delivery(log, bytes, result);
            } else {
                throw new AssertionError("unexpected " + message);
            }
        }
    }

    /** Offsets start at {@code start} and every chunk continues exactly where the last ended. */
    public static long assertContiguous(long start, List<LogChunk> chunks) {
        long expected = start;
        for (LogChunk chunk : chunks) {
            if (chunk.offset() != expected) {
                throw new AssertionError("log chunk at " + chunk.offset() + ", expected " + expected);
            }
            expected += chunk.data().length;
        }
        return expected;
    }
}
