package org.pkgforge.controller.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.controller.config.BuildSettings;
import org.pkgforge.controller.dispatch.Dispatcher;
import org.pkgforge.controller.metrics.FarmMetrics;
import org.pkgforge.protocol.ProtocolVersion;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.Refused;
import org.pkgforge.protocol.message.Welcome;
import org.pkgforge.sql.dao.AgentDao;
import org.pkgforge.sql.testing.PostgresExtension;

/** The controller's side of the handshake: versions, one-time launch tokens, session keys. */
class AgentHandshakeIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    private final AgentTokens tokens = new AgentTokens();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private AgentServer server;
    private Dispatcher dispatcher;

    @BeforeEach
    void startServer() throws Exception {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        pg.controllerJdbi().onDemand(AgentDao.class).upsert("b1", 1);
        server = newServer();
    }

    private AgentServer newServer() throws InterruptedException {
        AgentServer s = new AgentServer(
                pg.controllerJdbi(),
                tokens,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Path.of("unused"),
                null,
                null,
                BuildSettings.defaults(),
                new FarmMetrics(pg.controllerJdbi()));
        s.addListener(new AgentPresence.Listener() {
            @Override
            public void connected(String agentName) {}

            @Override
            public void disconnected(String agentName, String reason) {}

            @Override
            public void refused(String agentName, String reason) {
                refusals.add(agentName + ": " + reason);
            }
        });
        dispatcher = new Dispatcher(() -> {}, () -> 0);
        s.start("127.0.0.1", 0, dispatcher);
        return s;
    }

    @AfterEach
    void stop() {
        server.close();
        dispatcher.close();
    }

    private Object hello(AgentServer s, int version, String secret) {
        EmbeddedChannel channel = new EmbeddedChannel(new AgentHandler(s));
        channel.writeInbound(new Hello(version, "0.0.9", "b1", secret, 1));
        return channel.readOutbound();
    }

    @Test
    void anAgentOfAnotherProtocolIsRefusedForGoodWithBothVersionsAndItsLauncherIsTold() {
        Object answer = hello(server, ProtocolVersion.CURRENT - 1, tokens.issue("b1"));

        assertThat(answer).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.permanent()).isTrue();
            assertThat(r.reason())
                    .contains("agent speaks " + (ProtocolVersion.CURRENT - 1))
                    .contains("controller " + ProtocolVersion.CURRENT)
                    .contains("agent 0.0.9");
        });
        // The SSH launcher hears of it and replaces the agent (uploading the current jar).
        assertThat(refusals).singleElement().asString().startsWith("b1: protocol version");
    }

    @Test
    void aLaunchTokenIsSpentOnceAndTheSessionKeySurvivesAControllerRestart() throws Exception {
        String token = tokens.issue("b1");
        Object first = hello(server, ProtocolVersion.CURRENT, token);
        assertThat(first).isInstanceOf(Welcome.class);
        String sessionKey = ((Welcome) first).sessionKey();
        assertThat(sessionKey).isNotEmpty().isNotEqualTo(token);

        assertThat(hello(server, ProtocolVersion.CURRENT, token)).isInstanceOf(Refused.class);
        assertThat(refusals).singleElement().asString().isEqualTo("b1: authentication failed");

        server.close();
        server = newServer();
        assertThat(hello(server, ProtocolVersion.CURRENT, sessionKey))
                .isInstanceOfSatisfying(
                        Welcome.class, w -> assertThat(w.sessionKey()).isEmpty());
        assertThat(hello(server, ProtocolVersion.CURRENT, sessionKey + "x")).isInstanceOf(Refused.class);
        assertThat(hello(server, ProtocolVersion.CURRENT, "")).isInstanceOf(Refused.class);
    }
}
