package org.pkgforge.controller.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pkgforge.protocol.message.Abort;
import org.pkgforge.sql.row.ClaimedTask;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentSessionTest {
    private static final int CHUNK = 64 * 1024;

    @Test
    void readingPausesWhileChunksPileUpAndResumesOnceTheyAreStored() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        AgentSession session = new AgentSession("b1", "test", 1, channel);
        CountDownLatch disk = new CountDownLatch(1); // a slow disk: the worker is stuck on the first chunk
        int chunks = (int) (AgentSession.PAUSE_READ_AT / CHUNK) + 2;
        for (int i = 0; i < chunks; i++) {
            assertThat(channel.config().isAutoRead())
                    .as("still reading after %d chunks", i)
                    .isEqualTo((long) i * CHUNK < AgentSession.PAUSE_READ_AT);
            session.executeBulk(CHUNK, () -> awaitQuietly(disk));
        }
        assertThat(channel.config().isAutoRead())
                .as("reading paused above the budget")
                .isFalse();
        disk.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> session.queuedBulkBytes() == 0);
        // The worker handed the resume to the event loop; an embedded channel runs it on request.
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead())
                .as("reading resumed once stored")
                .isTrue();
        session.close();
    }

    @Test
    void aStaleAttemptIsAbortedOnlyOnce() {
        EmbeddedChannel channel = new EmbeddedChannel();
        AgentSession session = new AgentSession("b1", "test", 1, channel);
        ClaimedTask attempt = new ClaimedTask(7, 2);
        session.running().add(attempt);
        assertThat(session.abortOnce(attempt, "stale")).isTrue();
        assertThat(session.running()).as("forgotten: its slot is free").isEmpty();
        assertThat((Object) channel.readOutbound()).isEqualTo(new Abort(7, 2, "stale"));
        assertThat(session.abortOnce(attempt, "stale")).isFalse();
        assertThat((Object) channel.readOutbound()).as("no second Abort").isNull();
        assertThat(session.abortOnce(new ClaimedTask(7, 3), "stale"))
                .as("a later attempt is another one")
                .isTrue();
        session.close();
    }

    @Test
    void freeSlotsFollowTheRegistryButNeverExceedWhatTheAgentWasStartedWith() {
        AgentSession session = new AgentSession("b1", "test", 3, new EmbeddedChannel());
        assertThat(session.freeSlots()).isEqualTo(3);
        session.running().add(new ClaimedTask(1, 1));
        session.running().add(new ClaimedTask(2, 1));
        session.useRegistrySlots(1);
        assertThat(session.freeSlots()).as("lowered below what runs").isNegative();
        assertThat(session.running()).as("running tasks are not dropped").hasSize(2);
        session.useRegistrySlots(10);
        assertThat(session.freeSlots()).as("capped by the launched 3").isEqualTo(1);
        session.close();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
