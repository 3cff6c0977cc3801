package org.pkgforge.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.webapp.testing.PageClient;

/**
 * Why a queued task waits, as the job and task pages say it, from a real registry read as the web
 * role: its place in claim order, and what the agents offering its platform are doing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaitingReasonTest {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    @TempDir
    static Path tmp;

    private static WebServer server;
    private static PageClient anonymous;

    @BeforeAll
    static void start() {
        pg.execute("INSERT INTO platform (name, arch, active) VALUES ('el9', 'x86_64', true),"
                + " ('busy', 'x86_64', true), ('down', 'x86_64', true), ('free', 'x86_64', true),"
                + " ('off', 'x86_64', false)");
        // el9: three waiting tasks and no agent; q2 and q3 were queued at the same instant, so the
        // id decides, as in claim_task.
        waiting("q1", "el9", "2024-01-01 10:00Z");
        waiting("q2", "el9", "2024-01-01 10:01Z");
        waiting("q3", "el9", "2024-01-01 10:01Z");
        pg.execute("INSERT INTO job (uuid, bucket, submitter, status) VALUES ('mixed', 'main', 'bob', 'registered')");
        pg.execute("INSERT INTO task (job_id, platform_id, status, queued_at) SELECT j.id, p.id, v.status,"
                + " '2024-01-01 11:00Z' FROM job j, platform p, (VALUES ('el9', 'needs_build'), ('free', 'success'))"
                + " AS v(platform, status) WHERE j.uuid = 'mixed' AND p.name = v.platform");

        // busy: two online agents of two slots each, all four building; a third agent is offline.
        agent("a1", 2, true, "online", "busy");
        agent("a2", 2, true, "online", "busy");
        agent("a3", 2, true, "offline", "busy");
        for (String agent : new String[] {"a1", "a1", "a2", "a2"}) {
            running(agent);
        }
        waiting("w-busy", "busy", "2024-01-01 09:00Z");

        // down: one agent offline, one online but disabled.
        agent("d1", 1, true, "offline", "down");
        agent("d2", 1, false, "online", "down");
        waiting("w-down", "down", "2024-01-01 09:00Z");

        // free: one of two slots in use.
        agent("f1", 2, true, "online", "free");
        running("f1");
        waiting("w-free", "free", "2024-01-01 09:00Z");

        agent("o1", 1, true, "online", "off");
        waiting("w-off", "off", "2024-01-01 09:00Z");

        server = new WebServer(
                new WebConfig("127.0.0.1", 0, tmp.resolve("results"), tmp.resolve("repos")), WebRole.jdbi(pg));
        server.start();
        anonymous = new PageClient(server.baseUrl(), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void threeWaitingTasksAreFirstSecondAndThirdInClaimOrderWithNoAgent() throws Exception {
        assertThat(anonymous.page("/jobs/q1")).contains("1st in the el9/x86_64 queue; no agent offers el9/x86_64");
        assertThat(anonymous.page("/jobs/q2")).contains("2nd in the el9/x86_64 queue; no agent offers el9/x86_64");
        assertThat(anonymous.page("/jobs/q3")).contains("3rd in the el9/x86_64 queue; no agent offers el9/x86_64");
        assertThat(anonymous.page("/jobs/q3/tasks/el9-x86_64"))
                .contains("<dt>Waiting</dt>", "3rd in the el9/x86_64 queue; no agent offers el9/x86_64")
                .containsPattern("<time datetime=\"2024-01-01T10:01:00Z\" title=\"2024-01-01 10:01:00 UTC\">"
                        + "[0-9]+ days ago</time>");
    }

    @Test
    void onlyTheWaitingTaskOfAJobSaysWhy() throws Exception {
        String page = anonymous.page("/jobs/mixed");
        assertThat(page).contains("4th in the el9/x86_64 queue");
        assertThat(page).doesNotContain("free/x86_64 queue");
        assertThat(page.split("class=\"waiting\"", -1)).hasSize(2);
    }

    @Test
    void allSlotsBusy() throws Exception {
        assertThat(anonymous.page("/jobs/w-busy"))
                .contains("1st in the busy/x86_64 queue; 2 agents offer busy/x86_64 (and 1 offline), all 4 slots busy");
    }

    @Test
    void noOnlineAgent() throws Exception {
        assertThat(anonymous.page("/jobs/w-down"))
                .contains("1st in the down/x86_64 queue; no online agent offers down/x86_64 (1 offline, 1 disabled)");
    }

    @Test
    void aFreeSlot() throws Exception {
        assertThat(anonymous.page("/jobs/w-free"))
                .contains("1st in the free/x86_64 queue; 1 agent offers free/x86_64, 1 of 2 slots free: it starts"
                        + " shortly");
    }

    @Test
    void anInactivePlatform() throws Exception {
        assertThat(anonymous.page("/jobs/w-off"))
                .contains("1st in the off/x86_64 queue; off/x86_64 is not active, so no agent takes its tasks");
    }

    private static void waiting(String job, String platform, String queuedAt) {
        pg.execute("INSERT INTO job (uuid, bucket, submitter, status) VALUES ('" + job + "', 'main', 'alice',"
                + " 'registered')");
        pg.execute("INSERT INTO task (job_id, platform_id, queued_at) SELECT j.id, p.id, '" + queuedAt + "'"
                + " FROM job j, platform p WHERE j.uuid = '" + job + "' AND p.name = '" + platform + "'");
    }

    private static void agent(String name, int slots, boolean enabled, String state, String platform) {
        pg.execute("INSERT INTO agent (name, slots, enabled, state) VALUES ('" + name + "', " + slots + ", " + enabled
                + ", '" + state + "')");
        pg.execute("INSERT INTO agent_platform (agent_id, platform_id) SELECT a.id, p.id FROM agent a, platform p"
                + " WHERE a.name = '" + name + "' AND p.name = '" + platform + "'");
    }

    /** A task of its own job building on {@code agent}: an open attempt. */
    private static void running(String agent) {
        String job = "run-" + agent + "-" + System.nanoTime();
        pg.execute("INSERT INTO job (uuid, bucket, submitter, status) VALUES ('" + job + "', 'main', 'bob',"
                + " 'registered')");
        pg.execute("INSERT INTO task (job_id, platform_id, status, attempts) SELECT j.id, p.id, 'building', 1"
                + " FROM job j, platform p WHERE j.uuid = '" + job + "' AND p.name = 'el9'");
        pg.execute("INSERT INTO attempt (task_id, number, agent_name, lease_expires) SELECT t.id, 1, '" + agent + "',"
                + " now() + interval '1 hour' FROM task t JOIN job j ON j.id = t.job_id WHERE j.uuid = '" + job + "'");
    }
}
