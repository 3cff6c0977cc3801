package org.pkgforge.protocol.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.pkgforge.protocol.message.Abort;
import org.pkgforge.protocol.message.BuildStarted;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.LogAck;
import org.pkgforge.protocol.message.LogChunk;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.protocol.message.ProductChunk;
import org.pkgforge.protocol.message.Refused;
import org.pkgforge.protocol.message.ResultAck;
import org.pkgforge.protocol.message.SourceChunk;
import org.pkgforge.protocol.message.TaskAssign;
import org.pkgforge.protocol.message.TaskResult;
import org.pkgforge.protocol.message.Welcome;

/** One fixed, realistic message per type; the golden frames are these, encoded. */
final class Samples {
    private Samples() {}

    static Message of(MessageType type) {
        return switch (type) {
            case HELLO -> new Hello(2, "0.1.0", "builder-01", "tok-3f9a", 2);
            case WELCOME -> new Welcome(2, "0.1.0", 10_000, "sk-77c1");
            case REFUSED -> new Refused("protocol version 2 (agent) ≠ 1 (controller)", true);
            case HEARTBEAT -> new Heartbeat(
                    1_700_000_000_000L, List.of(new Heartbeat.AttemptRef(42, 1), new Heartbeat.AttemptRef(43, 2)));
            case TASK_ASSIGN -> new TaskAssign(
                    42,
                    1,
                    "job-7",
                    "devel",
                    "el9",
                    "x86_64",
                    "rpmbuild",
                    java.util.Map.of("errorPolicy", "retry", "checkPolicy", "warn"),
                    List.of(
                            new TaskAssign.SourceFile("libfarm-1.0-1.src.rpm", 6_144, "ab".repeat(32)),
                            new TaskAssign.SourceFile("farm-app-1.0-1.src.rpm", 4_096, "cd".repeat(32))));
            case SOURCE_CHUNK -> new SourceChunk(42, 1, "libfarm-1.0-1.src.rpm", 0, new byte[] {
                (byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb, 3, 0, 0, 1
            });
            case BUILD_STARTED -> new BuildStarted(42, 1);
            case LOG_CHUNK -> new LogChunk(42, 1, 1024, "+ rpmbuild --rebuild\nok\n".getBytes(UTF_8));
            case LOG_ACK -> new LogAck(42, 1, 1048);
            case PRODUCT_CHUNK -> new ProductChunk(
                    42, 1, "libfarm-1.0-1.x86_64.rpm", 262_144, new byte[] {0, 1, 2, -1});
            case TASK_RESULT -> new TaskResult(
                    42,
                    1,
                    TaskResult.Outcome.FAIL,
                    "farm-app-1.0-1.src.rpm: rpmbuild exited 1",
                    List.of(new TaskResult.Product("libfarm-1.0-1.x86_64.rpm", 9_216, "ef".repeat(32))),
                    2048);
            case RESULT_ACK -> new ResultAck(42, 1, false, "attempt 1 of task 42 is stale");
            case ABORT -> new Abort(42, 1, "cancelled by alice");
        };
    }
}
