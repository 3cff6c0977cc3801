package org.pkgforge.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.Agent;
import org.pkgforge.agent.build.Builders;
import org.pkgforge.agent.testing.FakeController;
import org.pkgforge.agent.testing.RunningAgent;
import org.pkgforge.protocol.ProtocolVersion;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.LogAck;
import org.pkgforge.protocol.message.Refused;
import org.pkgforge.protocol.message.Welcome;

/** Handshake, heartbeats and reconnects of a whole agent against a scripted controller. */
@Timeout(20)
class ControllerConnectionTest {
    @TempDir
    Path temp;

    private FakeController controller;
    private RunningAgent agent;

    @BeforeEach
    void setUp() throws Exception {
        controller = new FakeController();
        agent = RunningAgent.start(RunningAgent.config(controller, temp, 2), new Builders(List.of()));
    }

    @AfterEach
    void tearDown() {
        agent.close();
        controller.close();
    }

    @Test
    void helloCarriesVersionNameTokenAndSlots() throws Exception {
        Hello hello = controller.accept().next(Hello.class);
        assertThat(hello).isEqualTo(new Hello(ProtocolVersion.CURRENT, "dev", "test-agent", RunningAgent.TOKEN, 2));
    }

    @Test
    void permanentRefusalEndsTheAgentWithExitCode3() throws Exception {
        FakeController.Connection connection = controller.accept();
        connection.next(Hello.class);
        connection.send(new Refused("token already used", true));

        assertThat(agent.awaitExit()).isEqualTo(Agent.EXIT_REFUSED);
        assertThat(controller.noConnectionWithin(Duration.ofMillis(300))).isTrue();
    }

    @Test
    void aTransientRefusalIsRetried() throws Exception {
        FakeController.Connection first = controller.accept();
        first.next(Hello.class);
        first.send(new Refused("controller is starting", false));

        assertThat(controller.accept().next(Hello.class).token()).isEqualTo(RunningAgent.TOKEN);
    }

    @Test
    void aWelcomeInAnotherProtocolVersionIsAPermanentRefusal() throws Exception {
        FakeController.Connection connection = controller.accept();
        connection.next(Hello.class);
        connection.send(new Welcome(ProtocolVersion.CURRENT + 1, "future", 1_000, ""));

        assertThat(agent.awaitExit()).isEqualTo(Agent.EXIT_REFUSED);
    }

    @Test
    void anythingButWelcomeFirstClosesTheConnection() throws Exception {
        FakeController.Connection first = controller.accept();
        first.next(Hello.class);
        first.send(new LogAck(1, 1, 0));

        assertThat(first.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(controller.accept().next(Hello.class)).isNotNull();
    }

    @Test
    void heartbeatsFollowTheWelcomesPeriod() throws Exception {
        FakeController.Connection connection = controller.accept();
        connection.next(Hello.class);
        long start = System.nanoTime();
        connection.send(new Welcome(ProtocolVersion.CURRENT, "test", 100, ""));
        for (int i = 0; i < 4; i++) {
            Heartbeat heartbeat = connection.nextHeartbeat();
            assertThat(heartbeat.running()).isEmpty();
            connection.send(new Heartbeat(System.currentTimeMillis(), List.of())); // keep the agent's idle timer quiet
        }
        // The first goes out at once, then one per period.
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    @Test
    void aSilentControllerIsDroppedAfterThreeHeartbeatPeriodsAndTheAgentReconnects() throws Exception {
        FakeController.Connection first = controller.accept();
        first.next(Hello.class);
        long start = System.nanoTime();
        first.send(new Welcome(ProtocolVersion.CURRENT, "test", 100, ""));

        assertThat(first.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
        assertThat(controller.accept().next(Hello.class)).isNotNull();
    }

    @Test
    void aFrameThatBreaksTheContractClosesTheConnectionAndTheAgentReconnects() throws Exception {
        FakeController.Connection first = controller.accept();
        first.next(Hello.class);
        first.send(new Welcome(ProtocolVersion.CURRENT, "test", 1_000, ""));
        // frameLen 8, type id 99 (unknown), jsonLen 2, "{}"
        first.sendRaw(new byte[] {0, 0, 0, 8, 0, 99, 0, 0, 0, 2, '{', '}'});

        assertThat(first.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(controller.accept().next(Hello.class)).isNotNull();
    }
}
