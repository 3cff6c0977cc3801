package org.pkgforge.agent.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.testing.RecordingSession;
import org.pkgforge.protocol.message.LogChunk;

@Timeout(10)
class LogShipperTest {
    @TempDir
    Path temp;

    private Path file;
    private LogShipper shipper;

    @BeforeEach
    void setUp() throws Exception {
        file = Files.createFile(temp.resolve("build.log"));
        shipper = new LogShipper(7, 2, file);
    }

    @Test
    void shipsWhatTheFileGainsInContiguousChunksOfAtMost64KiB() throws Exception {
        RecordingSession session = new RecordingSession(1000);
        shipper.attach(session, false);
        byte[] big = new byte[150 * 1024];
        append(big);
        shipper.pump();
        append("tail\n".getBytes(UTF_8));
        shipper.pump();

        List<LogChunk> chunks = chunks(session);
        assertThat(chunks).extracting(c -> c.data().length).containsExactly(65_536, 65_536, 22_528, 5);
        assertContiguousFrom(0, chunks);
        assertThat(chunks).allMatch(c -> c.taskId() == 7 && c.attempt() == 2);
    }

    @Test
    void sendsNothingWhileTheConnectionIsFull() throws Exception {
        RecordingSession session = new RecordingSession(1000);
        shipper.attach(session, false);
        session.setWritable(false);
        append("waiting\n".getBytes(UTF_8));
        shipper.pump();
        assertThat(session.sent()).isEmpty();

        session.setWritable(true);
        shipper.pump();
        assertThat(chunks(session)).hasSize(1);
    }

    @Test
    void afterAReconnectItWaitsForTheControllersOffsetAndResumesThere() throws Exception {
        RecordingSession first = new RecordingSession(60_000);
        shipper.attach(first, false);
        append("0123456789".getBytes(UTF_8));
        shipper.pump();
        shipper.acknowledged(first, 4);
        append("abcdef".getBytes(UTF_8));
        shipper.pump();
        first.close();
        shipper.detach(first);

        RecordingSession second = new RecordingSession(60_000);
        shipper.attach(second, true);
        append("XYZ".getBytes(UTF_8));
        shipper.pump();
        assertThat(second.sent())
                .as("nothing before the controller says where it stands")
                .isEmpty();

        // The controller stored all of the first session's 16 bytes, more than it acknowledged.
        shipper.acknowledged(second, 16);
        shipper.pump();

        List<LogChunk> resumed = chunks(second);
        assertContiguousFrom(16, resumed);
        assertThat(text(resumed)).isEqualTo("XYZ");
    }

    @Test
    void withoutAResyncAckItResumesFromTheLastAcknowledgedOffset() throws Exception {
        RecordingSession first = shipTenBytesAckThenLose(6);

        RecordingSession second = new RecordingSession(1); // resync wait: one heartbeat period
        shipper.attach(second, true);
        Thread.sleep(5);
        shipper.pump();

        List<LogChunk> resumed = chunks(second);
        assertContiguousFrom(6, resumed);
        assertThat(text(resumed)).isEqualTo("6789");
    }

    @Test
    void theControllersHeartbeatReplyEndsTheWaitAtTheLastAcknowledgedOffset() throws Exception {
        RecordingSession first = shipTenBytesAckThenLose(3);

        RecordingSession second = new RecordingSession(60_000);
        shipper.attach(second, true);
        shipper.pump();
        assertThat(second.sent()).isEmpty();
        shipper.resyncDone(first); // a stale session's heartbeat changes nothing
        shipper.pump();
        assertThat(second.sent()).isEmpty();

        shipper.resyncDone(second);
        shipper.pump();

        List<LogChunk> resumed = chunks(second);
        assertContiguousFrom(3, resumed);
        assertThat(text(resumed)).isEqualTo("3456789");
    }

    @Test
    void ackFromAnOldSessionIsIgnored() throws Exception {
        RecordingSession first = new RecordingSession(60_000);
        RecordingSession second = new RecordingSession(60_000);
        shipper.attach(first, false);
        shipper.detach(first);
        shipper.attach(second, false);
        shipper.acknowledged(first, 100);
        assertThat(shipper.acked()).isZero();
    }

    @Test
    void drainShipsTheFinishedTailWithoutWaitingForThePump() throws Exception {
        RecordingSession session = new RecordingSession(60_000);
        shipper.attach(session, false);
        append("last words\n".getBytes(UTF_8));
        shipper.finish(11);

        assertThat(shipper.awaitDrained(session)).isTrue();
        String shipped = session.sent().stream()
                .filter(m -> m instanceof org.pkgforge.protocol.message.LogChunk)
                .map(m -> new String(((org.pkgforge.protocol.message.LogChunk) m).data(), UTF_8))
                .reduce("", String::concat);
        assertThat(shipped).isEqualTo("last words\n");
    }

    @Test
    void drainWaitsWhileTheLogIsNotFinished() throws Exception {
        RecordingSession session = new RecordingSession(60_000);
        shipper.attach(session, false);
        append("more to come\n".getBytes(UTF_8));
        AtomicBoolean drained = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                drained.set(shipper.awaitDrained(session));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(200);
        assertThat(waiter.isAlive())
                .as("still waiting: the build has not finished the log")
                .isTrue();

        shipper.finish(13);
        waiter.join(5_000);
        assertThat(drained.get()).isTrue();
    }

    @Test
    void drainReportsAClosedSession() throws Exception {
        RecordingSession session = new RecordingSession(60_000);
        shipper.attach(session, false);
        shipper.finish(0);
        session.close();
        assertThat(shipper.awaitDrained(session)).isFalse();
    }

    /** A first session that gets "0123456789", acknowledges {@code acked} bytes, then drops. */
    private RecordingSession shipTenBytesAckThenLose(long acked) throws Exception {
        RecordingSession first = new RecordingSession(60_000);
        shipper.attach(first, false);
        append("0123456789".getBytes(UTF_8));
        shipper.pump();
        shipper.acknowledged(first, acked);
        first.close();
        shipper.detach(first);
        return first;
    }

    private void append(byte[] bytes) throws Exception {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static List<LogChunk> chunks(RecordingSession session) {
        return session.sent().stream().map(LogChunk.class::cast).toList();
    }

    private static void assertContiguousFrom(long start, List<LogChunk> chunks) {
        long expected = start;
        for (LogChunk chunk : chunks) {
            assertThat(chunk.offset()).isEqualTo(expected);
            expected += chunk.data().length;
        }
    }

    private static String text(List<LogChunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(c -> out.writeBytes(c.data()));
        return out.toString(UTF_8);
    }
}
