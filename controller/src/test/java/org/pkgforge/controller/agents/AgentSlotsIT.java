package org.pkgforge.controller.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.BuildSettings;
import org.pkgforge.controller.dispatch.Dispatcher;
import org.pkgforge.controller.metrics.FarmMetrics;
import org.pkgforge.controller.results.ResultStore;
import org.pkgforge.protocol.ProtocolVersion;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.Welcome;
import org.pkgforge.sql.dao.AgentDao;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.NewJob;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * An admin changes an agent's slots while it runs: each dispatch pass claims up to the registry's
 * count, never more than the agent was started with, and a lowered count leaves the tasks already
 * running alone. The agent is a Netty embedded channel; claims are real, against the registry.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentSlotsIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    private final AgentTokens tokens = new AgentTokens();
    private Jdbi jdbi;
    private AgentServer server;
    private Dispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        jdbi = pg.controllerJdbi();
        PlatformDao platforms = jdbi.onDemand(PlatformDao.class);
        int el9 = platforms.add("el9", "x86_64");
        platforms.activate("el9", "x86_64");
        AgentDao agents = jdbi.onDemand(AgentDao.class);
        agents.addPlatform(agents.upsert("b1", 1), el9);
        for (int i = 0; i < 4; i++) {
            String uuid = "j" + i;
            jdbi.useTransaction(h -> {
                long job = h.attach(JobDao.class)
                        .insert(new NewJob(
                                uuid,
                                "devel",
                                "alice",
                                "registered",
                                null,
                                List.of("auto"),
                                List.of("all"),
                                List.of(),
                                1));
                h.attach(TaskDao.class).insert(job, el9);
            });
        }
        server = new AgentServer(
                jdbi,
                tokens,
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                dir.resolve("accepted"),
                new ResultStore(dir.resolve("results")),
                null,
                BuildSettings.defaults(),
                new FarmMetrics(jdbi));
        // Passes run when the test says so, so each one's claims can be counted.
        dispatcher = new Dispatcher(() -> {}, () -> 0);
        server.start("127.0.0.1", 0, dispatcher);
    }

    @AfterEach
    void stop() {
        server.close();
        dispatcher.close();
    }

    @Test
    void newClaimsObeyTheRegistrysSlotsUpToWhatTheAgentWasStartedWith() {
        EmbeddedChannel agent = new EmbeddedChannel(new AgentHandler(server));
        agent.writeInbound(new Hello(ProtocolVersion.CURRENT, "0.1.0", "b1", tokens.issue("b1"), 3));
        assertThat((Object) agent.readOutbound()).isInstanceOf(Welcome.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.launchedSlots("b1").isPresent());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbi.withHandle(h -> h.createQuery("SELECT state FROM agent WHERE name = 'b1'")
                                .mapTo(String.class)
                                .one())
                        .equals("online"));
        assertThat(server.launchedSlots("b1")).hasValue(3);

        server.dispatch();
        assertThat(running())
                .as("the registry's 1 slot, read when the agent connected")
                .isEqualTo(1);

        setSlots(2);
        assertThat(server.pauseClaims("b1", true)).isTrue();
        server.dispatch();
        assertThat(running())
                .as("claims paused (the agent is about to be replaced): none")
                .isEqualTo(1);
        server.pauseClaims("b1", false);
        server.dispatch();
        assertThat(running()).as("raised to 2: one more claim").isEqualTo(2);

        setSlots(8);
        server.dispatch();
        server.dispatch();
        assertThat(running())
                .as("raised to 8, but the agent was started with 3 and would refuse a 4th")
                .isEqualTo(3);

        setSlots(1);
        server.dispatch();
        assertThat(running()).as("lowered to 1: the 3 running keep running").isEqualTo(3);
        assertThat(waiting()).as("and the 4th task is not claimed").isEqualTo(1);
        int finished = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM attempt WHERE finished_at IS NOT NULL")
                .mapTo(Integer.class)
                .one());
        assertThat(finished).as("no attempt was cut short").isZero();
    }

    /** What {@code host set --slots} and the host manager do, for an agent row. */
    private void setSlots(int slots) {
        jdbi.onDemand(AgentDao.class).upsert("b1", slots);
        server.slotsChanged("b1", slots);
    }

    private int running() {
        return jdbi.onDemand(TaskDao.class).openAttempts("b1").size();
    }

    private int waiting() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM task WHERE status = 'needs_build'")
                .mapTo(Integer.class)
                .one());
    }
}
