package org.pkgforge.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.testing.BuildHostsFixture;
import org.pkgforge.controller.testing.ControllerCli;
import org.pkgforge.controller.testing.ControllerYaml;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * {@code pkgforge host set} on a host whose agent runs (a real OpenSSH sshd): more slots start
 * the idle agent again with the new {@code --slots}; fewer slots and new platforms need no new
 * agent, and a job for a platform just given to the host is built there.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostSettingsIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    @Test
    void slotAndPlatformChangesReachTheRunningAgent() throws Exception {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        try (BuildHostsFixture hosts = BuildHostsFixture.create(dir, pg, Duration.ofSeconds(15))) {
            ControllerConfig config = hosts.config();
            Path yaml = ControllerYaml.write(dir, config);
            String first = BuildHostsFixture.platform(pg.controllerJdbi(), "setfirst");
            String second = BuildHostsFixture.platform(pg.controllerJdbi(), "setsecond");
            hosts.register(pg.controllerJdbi(), "s1", hosts.startOpenSsh("s1"), List.of(first), 1);

            try (Farm farm = Farm.start(config)) {
                BuildHostsFixture.awaitOnline(farm.jdbi(), "s1");
                long launched = hosts.agentPid("s1").orElseThrow();
                assertThat(slotsArgument(launched)).isEqualTo("1");

                ControllerCli.Result raised =
                        ControllerCli.run("host", "set", "s1", "--slots", "3", "-c", yaml.toString());
                assertThat(raised.exit()).as(raised.err()).isZero();
                Optional<Long> relaunched = await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> hosts.agentPid("s1"), p -> p.isPresent() && p.get() != launched);
                assertThat(slotsArgument(relaunched.orElseThrow()))
                        .as("the idle agent was started again with the new slots")
                        .isEqualTo("3");
                BuildHostsFixture.awaitOnline(farm.jdbi(), "s1");

                ControllerCli.Result lowered = ControllerCli.run(
                        "host", "set", "s1", "--slots", "2", "--platform", second, "-c", yaml.toString());
                assertThat(lowered.exit()).as(lowered.err()).isZero();
                assertThat(ControllerCli.run("host", "show", "s1", "-c", yaml.toString())
                                .out())
                        .contains("Slots:      2", "Platforms:  " + second);
                assertThat(FarmFixture.submitAndAwait(
                                farm,
                                config,
                                "on-second",
                                "devel",
                                "setsecond",
                                Duration.ofSeconds(120),
                                SamplePackages.helloSrpm()))
                        .extracting(TaskRow::status, TaskRow::published)
                        .containsExactly("success", true);
                assertThat(hosts.agentPid("s1"))
                        .as("fewer slots and other platforms need no new agent")
                        .isEqualTo(relaunched);
            }
        }
    }

    /** The {@code --slots} the agent process was started with. */
    private static String slotsArgument(long pid) {
        List<String> args = ProcessHandle.of(pid)
                .flatMap(p -> p.info().arguments())
                .map(List::of)
                .orElseThrow(() -> new IllegalStateException("cannot read the arguments of " + pid));
        return args.get(args.indexOf("--slots") + 1);
    }
}
