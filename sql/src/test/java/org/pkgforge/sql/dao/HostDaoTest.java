package org.pkgforge.sql.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.sql.row.Host;
import org.pkgforge.sql.row.NewJob;
import org.pkgforge.sql.testing.PostgresExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

class HostDaoTest {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx1c3Ryb3VzLXRlc3Qta2V5LWJ5dGVzLTAwMDAwMDA";

    private Jdbi jdbi;
    private HostDao hosts;

    @BeforeEach
    void setUp() {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        jdbi = pg.controllerJdbi();
        hosts = jdbi.onDemand(HostDao.class);
    }

    @Test
    void addedHostIsEnabledOfflineAndShowsItsPlatforms() {
        int id = hosts.add("b1", 2, "build", "10.0.0.5", 2222, KEY, "/home/build/pkgforge", "java");
        int el9 = jdbi.onDemand(PlatformDao.class).add("el9", "x86_64");
        jdbi.onDemand(AgentDao.class).addPlatform(id, el9);

        Host host = hosts.find("b1").orElseThrow();
        assertThat(host.ssh()).isEqualTo(new Host.SshTarget("build", "10.0.0.5", 2222));
        assertThat(host.ssh()).hasToString("build@10.0.0.5:2222");
        assertThat(host.enabled()).isTrue();
        assertThat(host.state()).isEqualTo("offline");
        assertThat(host.hostKey()).isEqualTo(KEY);
        assertThat(host.platforms()).containsExactly("el9/x86_64");
        assertThat(hosts.list()).extracting(Host::name).containsExactly("b1");
    }

    @Test
    void localAgentsAreNotHosts() {
        jdbi.onDemand(AgentDao.class).upsert("local", 1);
        assertThat(hosts.list()).isEmpty();
        assertThat(hosts.find("local")).isEmpty();
        assertThat(hosts.remove("local")).isFalse();
        assertThat(hosts.setSlots("local", 4)).isFalse();
        assertThat(jdbi.onDemand(AgentDao.class).slots("local")).contains(1);
    }

    @Test
    void slotsAreChangedAndReadBackAtLeastOne() {
        hosts.add("b1", 1, "build", "h", 22, KEY, "/w", "java");
        assertThat(hosts.setSlots("b1", 3)).isTrue();
        assertThat(hosts.find("b1").orElseThrow().slots()).isEqualTo(3);
        assertThat(jdbi.onDemand(AgentDao.class).slots("b1")).contains(3);
        assertThat(jdbi.onDemand(AgentDao.class).slots("nobody")).isEmpty();
        assertThatThrownBy(() -> hosts.setSlots("b1", 0)).hasMessageContaining("agent_slots_check");
    }

    @Test
    void aHostNeedsItsPinnedKeyAndADistinctName() {
        assertThatThrownBy(() -> hosts.add("b1", 1, "build", "h", 22, null, "/w", "java"))
                .hasMessageContaining("agent_ssh_complete");
        hosts.add("b1", 1, "build", "h", 22, KEY, "/w", "java");
        assertThatThrownBy(() -> hosts.add("b1", 1, "build", "h2", 22, KEY, "/w", "java"))
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> hosts.add("b2", 1, "bad user", "h", 22, KEY, "/w", "java"))
                .hasMessageContaining("ssh_user");
    }

    @Test
    void sessionKeyIsReplacedAndForgotten() {
        hosts.add("b1", 1, "build", "h", 22, KEY, "/w", "java");
        assertThat(hosts.sessionKey("b1")).isEmpty();
        hosts.setSessionKey("b1", "a".repeat(64));
        hosts.setSessionKey("b1", "b".repeat(64));
        assertThat(hosts.sessionKey("b1")).contains("b".repeat(64));
        hosts.forgetSessionKey("b1");
        assertThat(hosts.sessionKey("b1")).isEmpty();
    }

    @Test
    void mismatchedKeyIsRecordedNextToThePinnedOneUntilRepinned() {
        hosts.add("b1", 1, "build", "h", 22, KEY, "/w", "java");
        hosts.setState("b1", "offline", "host key changed", "ssh-ed25519 OTHER");
        assertThat(hosts.find("b1").orElseThrow().offeredHostKey()).isEqualTo("ssh-ed25519 OTHER");
        assertThat(hosts.find("b1").orElseThrow().stateReason()).isEqualTo("host key changed");
        assertThat(hosts.pinHostKey("b1", "ssh-ed25519 OTHER")).isTrue();
        Host repinned = hosts.find("b1").orElseThrow();
        assertThat(repinned.hostKey()).isEqualTo("ssh-ed25519 OTHER");
        assertThat(repinned.offeredHostKey()).isNull();
    }

    @Test
    void requeueAttemptsOfAGoneAgentPutsItsTasksBackAsInfrastructureFailures() {
        int id = hosts.add("b1", 2, "build", "h", 22, KEY, "/w", "java");
        int el9 = jdbi.onDemand(PlatformDao.class).add("el9", "x86_64");
        jdbi.onDemand(PlatformDao.class).activate("el9", "x86_64");
        jdbi.onDemand(AgentDao.class).addPlatform(id, el9);
        long task = jdbi.inTransaction(h -> {
            long job = h.attach(JobDao.class)
                    .insert(new NewJob(
                            "j1", "devel", "alice", "registered", null, List.of("auto"), List.of("all"), List.of(), 1));
            return h.attach(TaskDao.class).insert(job, el9);
        });
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        assertThat(tasks.claim("b1", 600)).isPresent();

        assertThat(hosts.requeueAttemptsOf("b1", "agent process died")).isEqualTo(1);
        assertThat(hosts.requeueAttemptsOf("b1", "agent process died")).isZero();
        assertThat(tasks.isCurrent(task, 1)).isFalse();
        assertThat(tasks.claim("b1", 600).orElseThrow().attempt()).isEqualTo(2);
    }

    @Test
    void adminChangesNotifyTheControllerButStateChangesDoNot() throws Exception {
        try (Listener l = new Listener()) {
            Connection listener = l.connection;
            hosts.add("b1", 1, "build", "h", 22, KEY, "/w", "java");
            assertThat(notifications(listener)).containsExactly("b1");
            hosts.setState("b1", "online", null, null);
            hosts.setForwardPort("b1", 40000);
            assertThat(notifications(listener)).isEmpty();
            hosts.setEnabled("b1", false);
            hosts.remove("b1");
            assertThat(notifications(listener)).containsExactly("b1", "b1");
        }
    }

    @Test
    void slotAndPlatformChangesNotifyTheControllerOncePerTransaction() throws Exception {
        int id = hosts.add("b1", 1, "build", "h", 22, KEY, "/w", "java");
        int el9 = jdbi.onDemand(PlatformDao.class).add("el9", "x86_64");
        int el8 = jdbi.onDemand(PlatformDao.class).add("el8", "x86_64");
        jdbi.onDemand(AgentDao.class).addPlatform(id, el9);
        try (Listener l = new Listener()) {
            Connection listener = l.connection;
            hosts.setSlots("b1", 2);
            assertThat(notifications(listener)).containsExactly("b1");
            jdbi.useTransaction(h -> {
                AgentDao agents = h.attach(AgentDao.class);
                agents.clearPlatforms(id);
                agents.addPlatform(id, el8);
                agents.addPlatform(id, el9);
            });
            assertThat(notifications(listener)).containsExactly("b1");
            hosts.remove("b1");
            assertThat(notifications(listener))
                    .as("removing the host notifies once, not again for its platforms")
                    .containsExactly("b1");
        }
    }

    /**
     * A pooled connection listening on pkgforge_host until closed: still listening back in the
     * pool, it would collect other tests' notifications for the next test that borrows it.
     */
    private static final class Listener implements AutoCloseable {
        final Connection connection;

        Listener() throws Exception {
            connection = pg.controllerDataSource().getConnection();
            connection.createStatement().execute("LISTEN pkgforge_host");
        }

        @Override
        public void close() throws Exception {
            try {
                connection.createStatement().execute("UNLISTEN *");
            } finally {
                connection.close();
            }
        }
    }

    private static List<String> notifications(Connection connection) throws Exception {
        PGNotification[] got = connection.unwrap(PGConnection.class).getNotifications(500);
        return got == null
                ? List.of()
                : java.util.Arrays.stream(got).map(PGNotification::getParameter).toList();
    }
}
