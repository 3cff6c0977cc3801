package org.pkgforge.controller.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.controller.launch.HostRegistration;
import org.pkgforge.controller.launch.HostSpec;
import org.pkgforge.controller.ssh.HostKeys;
import org.pkgforge.controller.targets.PlatformService;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.UserDao;
import org.pkgforge.sql.row.Host;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.WebUser;

/**
 * The admin pages' new changes on the real services and registry: a host's slots and platforms,
 * and the admin flag, which no admin can take from themselves.
 */
class WebAdminActionsIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    private static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICY0Dq9gSaBNI6LgMH+hc+3/2cdsliAouCSVhHq6+R2i";
    private static final WebUser ADA = new WebUser("ada", true);
    private static final WebUser DAVE = new WebUser("dave", false);

    private WebAdminActions actions;
    private HostDao hosts;
    private UserDao users;

    @BeforeEach
    void setUp() {
        pg.execute("TRUNCATE job, platform, agent, farm_user CASCADE");
        Jdbi jdbi = pg.controllerJdbi();
        jdbi.onDemand(PlatformDao.class).add("el9", "x86_64");
        jdbi.onDemand(PlatformDao.class).add("el8", "x86_64");
        HostRegistration registration = new HostRegistration(jdbi, null);
        registration.add(
                new HostSpec("b1", new Host.SshTarget("build", "b1", 22), List.of("el9/x86_64"), 2, "w", "java"),
                HostKeys.parse(KEY));
        users = jdbi.onDemand(UserDao.class);
        users.addUser("ada", true);
        users.addUser("dave", false);
        hosts = jdbi.onDemand(HostDao.class);
        actions = new WebAdminActions(registration, "", new PlatformService(jdbi), new UserService(jdbi));
    }

    @Test
    void anAdminChangesAHostsSlotsAndPlatformsAndIsToldWhatChanged() throws Exception {
        String changed = actions.changeHost(ADA, "b1", 1, List.of("el9/x86_64", "el8/x86_64"));
        assertThat(changed)
                .isEqualTo("slots 2 → 1 (tasks running there finish; it takes new ones once none runs);"
                        + " platforms el9/x86_64 → el8/x86_64, el9/x86_64");
        Host b1 = hosts.find("b1").orElseThrow();
        assertThat(b1.slots()).isEqualTo(1);
        assertThat(b1.platforms()).containsExactly("el8/x86_64", "el9/x86_64");
        assertThat(actions.changeHost(ADA, "b1", 1, List.of("el8/x86_64", "el9/x86_64")))
                .isEqualTo("nothing changed");
    }

    @Test
    void hostChangesAreRefusedWithAReasonAndChangeNothing() {
        assertRefused(() -> actions.changeHost(DAVE, "b1", 4, List.of("el9/x86_64")), Refused.Kind.FORBIDDEN)
                .hasMessage("admins only: dave is not a farm admin");
        assertRefused(() -> actions.changeHost(ADA, "b9", 4, List.of("el9/x86_64")), Refused.Kind.NOT_FOUND)
                .hasMessageContaining("no build host b9");
        assertRefused(() -> actions.changeHost(ADA, "b1", 4, List.of("el7/x86_64")), Refused.Kind.INVALID)
                .hasMessageContaining("no platform el7/x86_64; add it first");
        assertRefused(() -> actions.changeHost(ADA, "b1", 0, List.of("el9/x86_64")), Refused.Kind.INVALID)
                .hasMessageContaining("slots must be 1..256");
        assertRefused(() -> actions.changeHost(ADA, "b1", 4, List.of()), Refused.Kind.INVALID)
                .hasMessageContaining("at least one");
        Host b1 = hosts.find("b1").orElseThrow();
        assertThat(b1.slots()).isEqualTo(2);
        assertThat(b1.platforms()).containsExactly("el9/x86_64");
    }

    @Test
    void anAdminGrantsAndRevokesTheFlagButNeverTheirOwn() throws Exception {
        actions.setUserAdmin(ADA, "dave", true);
        assertThat(users.findUser("dave").orElseThrow().admin()).isTrue();
        actions.setUserAdmin(ADA, "dave", false);
        assertThat(users.findUser("dave").orElseThrow().admin()).isFalse();

        assertRefused(() -> actions.setUserAdmin(ADA, "ada", false), Refused.Kind.CONFLICT)
                .hasMessageContaining("you cannot revoke your own admin flag");
        assertThat(users.findUser("ada").orElseThrow().admin()).isTrue();
        actions.setUserAdmin(ADA, "ada", true);
        assertThat(users.findUser("ada").orElseThrow().admin())
                .as("granting it to oneself again changes nothing")
                .isTrue();

        assertRefused(() -> actions.setUserAdmin(DAVE, "dave", true), Refused.Kind.FORBIDDEN);
        assertThat(users.findUser("dave").orElseThrow().admin()).isFalse();
        assertRefused(() -> actions.setUserAdmin(ADA, "nobody", true), Refused.Kind.INVALID)
                .hasMessageContaining("no user nobody");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            Action action, Refused.Kind kind) {
        return assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.kind()).isEqualTo(kind));
    }
}
