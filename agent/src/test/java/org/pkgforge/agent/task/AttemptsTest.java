package org.pkgforge.agent.task;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.build.Builders;
import org.pkgforge.agent.testing.FakeController;
import org.pkgforge.agent.testing.Polling;
import org.pkgforge.agent.testing.RunningAgent;
import org.pkgforge.agent.testing.ScriptedBuilder;
import org.pkgforge.agent.testing.Sha256;
import org.pkgforge.agent.testing.Tasks;
import org.pkgforge.protocol.ProtocolVersion;
import org.pkgforge.protocol.message.Abort;
import org.pkgforge.protocol.message.BuildStarted;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.LogAck;
import org.pkgforge.protocol.message.LogChunk;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.protocol.message.ResultAck;
import org.pkgforge.protocol.message.SourceChunk;
import org.pkgforge.protocol.message.TaskAssign;
import org.pkgforge.protocol.message.TaskResult;
import org.pkgforge.protocol.message.TaskResult.Outcome;
import org.pkgforge.protocol.message.Welcome;

/** An attempt's life on a whole agent, with a builder the test controls (no processes). */
@Timeout(20)
class AttemptsTest {
    private static final byte[] PRODUCT = "pretend this is an rpm\n".getBytes(UTF_8);

    @TempDir
    Path temp;

    private FakeController controller;
    private ScriptedBuilder builder;
    private RunningAgent agent;
    private Path workDir;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        controller = new FakeController();
        builder = new ScriptedBuilder(Map.of("pkg-1.0-1.noarch.rpm", PRODUCT));
        workDir = temp.resolve("work");
        source = temp.resolve("pkg-1.0-1.src.rpm");
        byte[] bytes = new byte[10_000];
        new Random(3).nextBytes(bytes);
        Files.write(source, bytes);
        agent = RunningAgent.start(RunningAgent.config(controller, workDir, 1), new Builders(List.of(builder)));
    }

    @AfterEach
    void tearDown() {
        agent.close();
        controller.close();
    }

    @Test
    void anUnknownBuilderIsAnInfraFailWithAReason() throws Exception {
        FakeController.Connection connection = welcomed();
        connection.send(Tasks.assign(1, 1, "mock", List.of(source)));

        Tasks.Delivery delivery = Tasks.collect(connection);

        assertThat(delivery.result().outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(delivery.result().reason()).isEqualTo("this agent has no builder 'mock' (it has: scripted)");
        assertThat(new String(delivery.log(), UTF_8)).contains("no builder 'mock'");
        assertThat(delivery.result().logSize()).isEqualTo(delivery.log().length);
    }

    @Test
    void aSourceNameWithAPathIsRefused() throws Exception {
        FakeController.Connection connection = welcomed();
        TaskAssign assign = new TaskAssign(
                2,
                1,
                "job",
                "devel",
                "el9",
                "x86_64",
                ScriptedBuilder.NAME,
                java.util.Map.of(),
                List.of(new TaskAssign.SourceFile("../../escape.src.rpm", 3, "00".repeat(32))));
        connection.send(assign);
        connection.send(new SourceChunk(2, 1, "../../escape.src.rpm", 0, new byte[] {1, 2, 3}));

        TaskResult result = Tasks.collect(connection).result();

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(result.reason()).contains("not a bare file name");
        assertThat(workDir.resolve("escape.src.rpm")).doesNotExist();
        assertThat(workDir.resolve("tasks/escape.src.rpm")).doesNotExist();
    }

    @Test
    void aCorruptSourceIsAnInfraFail() throws Exception {
        FakeController.Connection connection = welcomed();
        TaskAssign honest = Tasks.assign(3, 1, ScriptedBuilder.NAME, List.of(source));
        TaskAssign.SourceFile file = honest.sources().get(0);
        TaskAssign lying = new TaskAssign(
                3,
                1,
                "job",
                "devel",
                "el9",
                "x86_64",
                ScriptedBuilder.NAME,
                java.util.Map.of(),
                List.of(new TaskAssign.SourceFile(file.name(), file.size(), "ab".repeat(32))));
        connection.send(lying);
        Tasks.sendSources(connection, lying, List.of(source), 4_096);

        TaskResult result = Tasks.collect(connection).result();

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(result.reason())
                .isEqualTo(file.name() + ": SHA-256 is " + file.sha256() + ", expected " + "ab".repeat(32));
    }

    @Test
    void bytesBeyondTheAnnouncedSizeAreRefused() throws Exception {
        FakeController.Connection connection = welcomed();
        TaskAssign assign = Tasks.assign(4, 1, ScriptedBuilder.NAME, List.of(source));
        connection.send(assign);
        connection.send(new SourceChunk(4, 1, source.getFileName().toString(), 9_999, new byte[] {1, 2}));

        TaskResult result = Tasks.collect(connection).result();

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(result.reason()).contains("outside its announced size 10000");
    }

    @Test
    void anAssignmentBeyondTheSlotsIsRefusedAndTheFirstGoesOn() throws Exception {
        FakeController.Connection connection = welcomed();
        startBuild(connection, 5, 1);
        assertThat(builder.awaitStarted()).isTrue();

        connection.send(Tasks.assign(6, 1, ScriptedBuilder.NAME, List.of(source)));
        Tasks.Delivery refused = Tasks.collect(connection);
        assertThat(refused.result().taskId()).isEqualTo(6);
        assertThat(refused.result().outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(refused.result().reason()).contains("no free slot (1 of 1 busy)");

        builder.release();
        Tasks.Delivery done = Tasks.collect(connection);
        assertThat(done.result().taskId()).isEqualTo(5);
        assertThat(done.result().outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void aResultReadyWhileDisconnectedIsDeliveredAfterTheReconnect() throws Exception {
        FakeController.Connection first = welcomed();
        startBuild(first, 7, 2);
        assertThat(builder.awaitStarted()).isTrue();
        first.close();
        builder.release();

        FakeController.Connection second = welcomed();
        second.send(new LogAck(7, 2, 0));
        Tasks.Delivery delivery = Tasks.collect(second);

        assertThat(delivery.result().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(Tasks.assertContiguous(0, delivery.logChunks()))
                .isEqualTo(delivery.result().logSize());
        assertThat(delivery.products()).containsOnlyKeys("pkg-1.0-1.noarch.rpm");
        assertThat(delivery.products().get("pkg-1.0-1.noarch.rpm")).isEqualTo(PRODUCT);
        assertThat(delivery.result().products()).singleElement().satisfies(p -> {
            assertThat(p.size()).isEqualTo(PRODUCT.length);
            assertThat(p.sha256()).isEqualTo(Sha256.of(PRODUCT));
        });
    }

    @Test
    void aHeartbeatReplyWithoutLogAckResumesTheLogFromTheLastAcknowledgedByte() throws Exception {
        FakeController.Connection first = welcomed();
        startBuild(first, 10, 1);
        LogChunk firstLine = first.next(LogChunk.class);
        long acked = firstLine.offset() + firstLine.data().length;
        first.send(new LogAck(10, 1, acked));
        first.close();
        builder.release();

        // Like the real controller: it answers the agent's heartbeat and has no LogAck to add.
        FakeController.Connection second = controller.accept();
        second.next(org.pkgforge.protocol.message.Hello.class);
        long start = System.nanoTime();
        second.send(new Welcome(ProtocolVersion.CURRENT, "test", 10_000, ""));
        assertThat(second.nextHeartbeat().running()).containsExactly(new Heartbeat.AttemptRef(10, 1));
        second.send(new Heartbeat(System.currentTimeMillis(), List.of()));
        Tasks.Delivery rest = Tasks.collect(second);

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("resumed on the heartbeat reply, not after the 10 s fallback")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(Tasks.assertContiguous(acked, rest.logChunks()))
                .isEqualTo(rest.result().logSize());
        assertThat(new String(rest.log(), UTF_8)).contains("scripted build done");
    }

    @Test
    void anUnacknowledgedResultIsSentAgainOnTheNextConnection() throws Exception {
        FakeController.Connection first = welcomed();
        builder.release();
        startBuild(first, 8, 1);
        TaskResult original = Tasks.collect(first).result();
        first.close();

        FakeController.Connection second = welcomed();
        second.send(new LogAck(8, 1, original.logSize()));
        Tasks.Delivery again = Tasks.collect(second);

        assertThat(again.logChunks()).as("the log was complete already").isEmpty();
        assertThat(again.products().get("pkg-1.0-1.noarch.rpm")).isEqualTo(PRODUCT);
        assertThat(again.result()).isEqualTo(original);

        Path taskDir = workDir.resolve("tasks/8-1");
        assertThat(taskDir).isDirectory();
        second.send(new ResultAck(8, 1, true, ""));
        assertThat(Polling.within(Duration.ofSeconds(5), () -> !Files.exists(taskDir)))
                .isTrue();
    }

    @Test
    void abortWhileReceivingSourcesRemovesEverythingAndReportsNothing() throws Exception {
        FakeController.Connection connection = welcomed();
        connection.send(Tasks.assign(9, 1, ScriptedBuilder.NAME, List.of(source)));
        Path taskDir = workDir.resolve("tasks/9-1");
        assertThat(Polling.within(Duration.ofSeconds(5), () -> Files.isDirectory(taskDir)))
                .isTrue();

        connection.send(new Abort(9, 1, "cancelled"));

        assertThat(Polling.within(Duration.ofSeconds(5), () -> !Files.exists(taskDir)))
                .isTrue();
        List<Message> after = connection.drain(Duration.ofMillis(200));
        assertThat(after).noneMatch(m -> m instanceof TaskResult);
    }

    @Test
    void theNextTaskSentRightBehindTheResultAckGetsTheFreedSlot() throws Exception {
        FakeController.Connection connection = welcomed();
        startBuild(connection, 11, 1);
        builder.release();
        assertThat(Tasks.collect(connection).result().outcome()).isEqualTo(Outcome.SUCCESS);

        // What the controller does: acknowledge, and hand the freed slot on in the same breath,
        // before this agent has cleaned up the finished attempt.
        connection.send(new ResultAck(11, 1, true, ""));
        startBuild(connection, 12, 1);
    }

    /** Assigns the task with the test's source, sends the source and waits for BuildStarted. */
    private void startBuild(FakeController.Connection connection, long taskId, int attempt) throws Exception {
        TaskAssign assign = Tasks.assign(taskId, attempt, ScriptedBuilder.NAME, List.of(source));
        connection.send(assign);
        Tasks.sendSources(connection, assign, List.of(source), 4_096);
        assertThat(connection.next()).isEqualTo(new BuildStarted(taskId, attempt));
    }

    private FakeController.Connection welcomed() throws InterruptedException {
        FakeController.Connection connection = controller.accept();
        connection.next(org.pkgforge.protocol.message.Hello.class);
        connection.send(new Welcome(ProtocolVersion.CURRENT, "test", 1_000, ""));
        return connection;
    }
}
