package org.pkgforge.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.build.Builders;
import org.pkgforge.agent.testing.FakeController;
import org.pkgforge.agent.testing.Polling;
import org.pkgforge.agent.testing.Processes;
import org.pkgforge.agent.testing.RunningAgent;
import org.pkgforge.agent.testing.Sha256;
import org.pkgforge.agent.testing.Srpms;
import org.pkgforge.agent.testing.Tasks;
import org.pkgforge.protocol.ProtocolVersion;
import org.pkgforge.protocol.message.Abort;
import org.pkgforge.protocol.message.BuildStarted;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.LogAck;
import org.pkgforge.protocol.message.LogChunk;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.protocol.message.ResultAck;
import org.pkgforge.protocol.message.TaskAssign;
import org.pkgforge.protocol.message.TaskResult;
import org.pkgforge.protocol.message.Welcome;

/** The whole agent against a scripted controller on loopback, building real source RPMs. */
@Timeout(30)
class AgentProtocolIT {
    @TempDir
    Path temp;

    private FakeController controller;
    private RunningAgent agent;
    private Path workDir;

    @BeforeEach
    void setUp() throws Exception {
        controller = new FakeController();
        workDir = temp.resolve("work");
    }

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        controller.close();
    }

    @Test
    void buildsAnSrpmAndDeliversLogProductsAndResult() throws Exception {
        Path srpm = Srpms.build(temp, "hello", "echo building hello");
        agent = RunningAgent.start(RunningAgent.config(controller, workDir, 1), Builders.standard());
        FakeController.Connection connection = controller.accept();
        Hello hello = connection.next(Hello.class);
        assertThat(hello.token()).isEqualTo(RunningAgent.TOKEN);
        assertThat(hello.protocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
        assertThat(hello.agentName()).isEqualTo("test-agent");
        assertThat(hello.slots()).isEqualTo(1);
        // A long period: this fake controller sends no heartbeats while the build runs.
        connection.send(new Welcome(ProtocolVersion.CURRENT, "test", 10_000, ""));

        TaskAssign assign = Tasks.assign(42, 1, "rpmbuild", List.of(srpm));
        connection.send(assign);
        Tasks.sendSources(connection, assign, List.of(srpm), 1_000);

        assertThat(connection.next()).isEqualTo(new BuildStarted(42, 1));
        Tasks.Delivery delivery = Tasks.collect(connection);

        TaskResult result = delivery.result();
        assertThat(result.outcome()).as(result.reason()).isEqualTo(TaskResult.Outcome.SUCCESS);
        assertThat(Tasks.assertContiguous(0, delivery.logChunks())).isEqualTo(result.logSize());
        String log = new String(delivery.log(), UTF_8);
        assertThat(log).contains("+ rpmbuild --rebuild").contains("building hello");
        assertThat(result.products())
                .extracting(TaskResult.Product::file)
                .containsExactly("hello-1.0-1.noarch.rpm", "rpmlint.log");
        assertThat(result.products().get(0)).satisfies(product -> {
            byte[] received = delivery.products().get(product.file());
            assertThat(received).hasSize((int) product.size());
            assertThat(Sha256.of(received)).isEqualTo(product.sha256());
        });

        Path taskDir = workDir.resolve("tasks/42-1");
        assertThat(taskDir).isDirectory();
        connection.send(new LogAck(42, 1, result.logSize()));
        connection.send(new ResultAck(42, 1, true, ""));
        assertThat(Polling.within(Duration.ofSeconds(5), () -> !Files.exists(taskDir)))
                .as("task directory removed after ResultAck")
                .isTrue();
    }

    @Test
    void reconnectsMidLogAndResumesWithoutGapOrDuplicate() throws Exception {
        Path srpm = Srpms.build(temp, "slow", "for i in $(seq 1 30); do echo \"line $i\"; sleep 0.05; done");
        AgentConfig config = RunningAgent.config(controller, workDir, 1).withKeepWork(true);
        agent = RunningAgent.start(config, Builders.standard());
        FakeController.Connection first = controller.accept();
        first.next(Hello.class);
        first.send(new Welcome(ProtocolVersion.CURRENT, "test", 1_000, ""));
        TaskAssign assign = Tasks.assign(7, 3, "rpmbuild", List.of(srpm));
        first.send(assign);
        Tasks.sendSources(first, assign, List.of(srpm), 4_096);
        assertThat(first.next()).isEqualTo(new BuildStarted(7, 3));

        // Store two chunks, acknowledge only the first, then drop the connection.
        LogChunk one = first.next(LogChunk.class);
        first.send(new LogAck(7, 3, one.offset() + one.data().length));
        LogChunk two = first.next(LogChunk.class);
        long stored = Tasks.assertContiguous(0, List.of(one, two));
        first.close();

        FakeController.Connection second = controller.accept();
        assertThat(second.next(Hello.class).token()).isEqualTo(RunningAgent.TOKEN);
        // A long period: this fake controller sends no heartbeats while the rest of the build runs.
        second.send(new Welcome(ProtocolVersion.CURRENT, "test", 10_000, ""));
        Heartbeat heartbeat = second.nextHeartbeat();
        assertThat(heartbeat.running()).containsExactly(new Heartbeat.AttemptRef(7, 3));
        second.send(new LogAck(7, 3, stored));

        Tasks.Delivery rest = Tasks.collect(second);
        assertThat(rest.result().outcome()).as(rest.result().reason()).isEqualTo(TaskResult.Outcome.SUCCESS);
        assertThat(Tasks.assertContiguous(stored, rest.logChunks()))
                .isEqualTo(rest.result().logSize());

        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(one.data());
        whole.writeBytes(two.data());
        whole.writeBytes(rest.log());
        byte[] onDisk = Files.readAllBytes(workDir.resolve("tasks/7-3/build.log"));
        assertThat(whole.toByteArray()).isEqualTo(onDisk);
        assertThat(new String(onDisk, UTF_8)).contains("line 1\n").contains("line 30\n");
        second.send(new ResultAck(7, 3, true, ""));
    }

    @Test
    void abortKillsTheBuildAndRemovesTheTaskDirectory() throws Exception {
        Path pidFile = temp.resolve("build.pid");
        Path srpm = Srpms.build(temp, "endless", "echo $$ > " + pidFile + "; echo started; sleep 60");
        agent = RunningAgent.start(RunningAgent.config(controller, workDir, 1), Builders.standard());
        FakeController.Connection connection = controller.accept();
        connection.next(Hello.class);
        connection.send(new Welcome(ProtocolVersion.CURRENT, "test", 1_000, ""));
        TaskAssign assign = Tasks.assign(9, 1, "rpmbuild", List.of(srpm));
        connection.send(assign);
        Tasks.sendSources(connection, assign, List.of(srpm), 64 * 1024);
        assertThat(connection.next()).isEqualTo(new BuildStarted(9, 1));
        assertThat(Polling.within(Duration.ofSeconds(10), () -> Files.exists(pidFile) && size(pidFile) > 0))
                .isTrue();
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(Processes.running(pid)).isTrue();

        connection.send(new Abort(9, 1, "cancelled by test"));

        assertThat(Polling.within(Duration.ofSeconds(10), () -> !Processes.running(pid)))
                .as("build shell %d killed", pid)
                .isTrue();
        assertThat(Polling.within(Duration.ofSeconds(5), () -> !Files.exists(workDir.resolve("tasks/9-1"))))
                .isTrue();
        List<Message> after = connection.drain(Duration.ofMillis(300));
        assertThat(after).noneMatch(m -> m instanceof TaskResult);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
