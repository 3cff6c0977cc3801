package org.pkgforge.sql.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.sql.testing.PostgresExtension;

class UserDaoTest {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    private UserDao users;

    @BeforeEach
    void setUp() {
        pg.execute("TRUNCATE farm_user CASCADE");
        users = pg.controllerJdbi().onDemand(UserDao.class);
    }

    @Test
    void liveKeyAuthorizesItsUserOnly() {
        int alice = users.addUser("alice", false);
        users.addUser("bob", true);
        users.addKey(alice, "ssh-ed25519", "ssh-ed25519 AAAA", "SHA256:a", "alice@laptop");
        assertThat(users.isAuthorized("alice", "SHA256:a")).isTrue();
        assertThat(users.isAuthorized("bob", "SHA256:a")).isFalse();
        assertThat(users.findUser("bob").orElseThrow().admin()).isTrue();
    }

    @Test
    void revokedKeyNoLongerAuthorizesButStaysListed() {
        int alice = users.addUser("alice", false);
        users.addKey(alice, "ssh-ed25519", "ssh-ed25519 AAAA", "SHA256:a", null);
        assertThat(users.revokeKey(alice, "SHA256:a")).isTrue();
        assertThat(users.isAuthorized("alice", "SHA256:a")).isFalse();
        assertThat(users.keysOf(alice)).singleElement().satisfies(k -> assertThat(k.revoked())
                .isTrue());
        assertThat(users.revokeKey(alice, "SHA256:a")).isFalse();
    }

    @Test
    void liveKeyCannotBelongToTwoUsers() {
        int alice = users.addUser("alice", false);
        int bob = users.addUser("bob", false);
        users.addKey(alice, "ssh-ed25519", "ssh-ed25519 AAAA", "SHA256:a", null);
        assertThatThrownBy(() -> users.addKey(bob, "ssh-ed25519", "ssh-ed25519 AAAA", "SHA256:a", null))
                .hasMessageContaining("user_key_live_fingerprint");
    }

    @Test
    void adminFlagIsGrantedAndRevokedForAnExistingUserOnly() {
        users.addUser("alice", false);
        assertThat(users.setAdmin("alice", true)).isTrue();
        assertThat(users.findUser("alice").orElseThrow().admin()).isTrue();
        assertThat(users.setAdmin("alice", false)).isTrue();
        assertThat(users.findUser("alice").orElseThrow().admin()).isFalse();
        assertThat(users.setAdmin("nobody", true)).isFalse();
    }

    @Test
    void userNamesFollowLoginNameRules() {
        assertThatThrownBy(() -> users.addUser("../root", false)).hasMessageContaining("farm_user_name_check");
        assertThatThrownBy(() -> users.addUser("Alice", false)).hasMessageContaining("farm_user_name_check");
    }
}
