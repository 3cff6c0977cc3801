package org.pkgforge.sql.dao;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.sql.testing.PostgresExtension;

class WebSessionDaoTest {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    private WebSessionDao sessions;

    @BeforeEach
    void setUp() {
        pg.execute("TRUNCATE farm_user CASCADE");
        pg.controllerJdbi().onDemand(UserDao.class).addUser("alice", false);
        sessions = pg.controllerJdbi().onDemand(WebSessionDao.class);
    }

    @Test
    void loginTokenIsSpentOnceAndOnlyWhileLive() {
        assertThat(sessions.addLogin("a".repeat(64), "alice", 120)).isTrue();
        assertThat(sessions.addLogin("b".repeat(64), "nobody", 120)).isFalse();
        assertThat(sessions.spendLogin("a".repeat(64))).contains("alice");
        assertThat(sessions.spendLogin("a".repeat(64))).isEmpty();

        assertThat(sessions.addLogin("c".repeat(64), "alice", 120)).isTrue();
        pg.execute("UPDATE web_login SET expires_at = now() - interval '1 second' WHERE token_sha256 = '"
                + "c".repeat(64) + "'");
        assertThat(sessions.spendLogin("c".repeat(64))).isEmpty();
    }

    @Test
    void sessionsAreFoundUntilTheyExpireOrEnd() {
        assertThat(sessions.addSession("d".repeat(64), "alice", 3600, "ssh")).isTrue();
        assertThat(sessions.findSession("d".repeat(64))).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo("alice");
            assertThat(s.admin()).isFalse();
        });
        pg.execute("UPDATE farm_user SET admin = true WHERE name = 'alice'");
        assertThat(sessions.findSession("d".repeat(64)).orElseThrow().admin()).isTrue();
        sessions.endSession("d".repeat(64));
        assertThat(sessions.findSession("d".repeat(64))).isEmpty();

        assertThat(sessions.addSession("e".repeat(64), "alice", 3600, "proxy")).isTrue();
        pg.execute("UPDATE web_session SET expires_at = now() - interval '1 second'");
        assertThat(sessions.findSession("e".repeat(64))).isEmpty();
        sessions.purgeExpired();
        long left = pg.controllerJdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM web_session")
                .mapTo(Long.class)
                .one());
        assertThat(left).isZero();
    }

    @Test
    void webRoleCannotReadTokens() {
        boolean readable = pg.controllerJdbi()
                .withHandle(h -> h.createQuery("SELECT has_table_privilege('pkgforge_web', 'web_session', 'SELECT')"
                                + " OR has_table_privilege('pkgforge_web', 'web_login', 'SELECT')")
                        .mapTo(Boolean.class)
                        .one());
        assertThat(readable).isFalse();
    }
}
