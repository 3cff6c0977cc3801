package org.pkgforge.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.launch.HostRegistration;
import org.pkgforge.controller.launch.HostSpec;
import org.pkgforge.controller.ssh.HostKeys;
import org.pkgforge.controller.testing.ConfigFiles;
import org.pkgforge.controller.testing.ControllerCli;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.row.Host;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * {@code pkgforge host set} as an admin runs it against a real registry: slots and the platform
 * list change together or not at all, and every refusal says what to do.
 */
class HostSetCommandIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    private static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICY0Dq9gSaBNI6LgMH+hc+3/2cdsliAouCSVhHq6+R2i";

    @TempDir
    Path dir;

    private Path yaml;
    private HostDao hosts;

    @BeforeEach
    void setUp() throws Exception {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        Jdbi jdbi = pg.controllerJdbi();
        jdbi.onDemand(PlatformDao.class).add("el9", "x86_64");
        jdbi.onDemand(PlatformDao.class).add("el8", "x86_64");
        new HostRegistration(jdbi, null)
                .add(
                        new HostSpec(
                                "b1",
                                new Host.SshTarget("build", "b1.example.org", 22),
                                List.of("el9/x86_64"),
                                1,
                                "w",
                                "java"),
                        HostKeys.parse(KEY));
        hosts = jdbi.onDemand(HostDao.class);
        yaml = ConfigFiles.controllerYaml(dir, pg);
    }

    private ControllerCli.Result pkgforge(String... args) {
        return ControllerCli.run(yaml, args);
    }

    @Test
    void slotsAndPlatformsChangeAndShowInListAndShow() {
        ControllerCli.Result set =
                pkgforge("host", "set", "b1", "--slots", "3", "--platform", "el8/x86_64", "--platform", "el9/x86_64");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out())
                .contains("build host b1: slots 1 → 3")
                .contains("started again with 3 once idle")
                .contains("platforms el9/x86_64 → el8/x86_64, el9/x86_64");
        Host b1 = hosts.find("b1").orElseThrow();
        assertThat(b1.slots()).isEqualTo(3);
        assertThat(b1.platforms()).containsExactly("el8/x86_64", "el9/x86_64");
        assertThat(pkgforge("host", "show", "b1").out())
                .contains("Slots:      3")
                .contains("Platforms:  el8/x86_64, el9/x86_64");
        assertThat(pkgforge("host", "list").out()).containsPattern("b1 .* 3 +el8/x86_64,el9/x86_64");

        ControllerCli.Result lowered = pkgforge("host", "set", "b1", "--slots", "2");
        assertThat(lowered.exit()).isZero();
        assertThat(lowered.out())
                .contains("slots 3 → 2 (tasks running there finish; it takes new ones once fewer than 2 run)")
                .doesNotContain("platforms");
        assertThat(hosts.find("b1").orElseThrow().platforms())
                .as("no --platform: the list stays")
                .containsExactly("el8/x86_64", "el9/x86_64");

        ControllerCli.Result replaced = pkgforge("host", "set", "b1", "--platform", "el9/x86_64");
        assertThat(replaced.out()).isEqualTo("build host b1: platforms el8/x86_64, el9/x86_64 → el9/x86_64\n");
        assertThat(hosts.find("b1").orElseThrow().slots()).isEqualTo(2);
    }

    @Test
    void anUnknownPlatformIsRefusedAndNothingChanges() {
        ControllerCli.Result set = pkgforge("host", "set", "b1", "--slots", "4", "--platform", "el7/x86_64");
        assertThat(set.exit()).isEqualTo(1);
        assertThat(set.err())
                .contains("no platform el7/x86_64; add it first: pkgforge platform add --name el7 --arch x86_64");
        Host b1 = hosts.find("b1").orElseThrow();
        assertThat(b1.slots())
                .as("the slots were not changed without the platforms")
                .isEqualTo(1);
        assertThat(b1.platforms()).containsExactly("el9/x86_64");
    }

    @Test
    void badValuesAnUnknownHostAndNothingToChangeAreRefused() {
        ControllerCli.Result zero = pkgforge("host", "set", "b1", "--slots", "0");
        assertThat(zero.exit()).isEqualTo(1);
        assertThat(zero.err()).contains("slots must be 1..256, got 0");
        ControllerCli.Result badPlatform = pkgforge("host", "set", "b1", "--platform", "el9");
        assertThat(badPlatform.err()).contains("platform 'el9' must be NAME/ARCH");
        ControllerCli.Result unknown = pkgforge("host", "set", "b9", "--slots", "2");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no build host b9; see: pkgforge host list");
        ControllerCli.Result nothing = pkgforge("host", "set", "b1");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("--slots", "--platform");
        assertThat(hosts.find("b1").orElseThrow().slots()).isEqualTo(1);
    }
}
