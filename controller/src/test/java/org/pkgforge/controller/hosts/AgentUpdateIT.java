package org.pkgforge.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
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
import org.pkgforge.controller.host.HostCommand;
import org.pkgforge.controller.testing.BuildHostsFixture;
import org.pkgforge.protocol.job.Checksums;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * A controller upgrade: the agent left running on a host by the previous controller runs another
 * jar. The new controller uploads its own jar and replaces the agent once it is idle.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AgentUpdateIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    @Test
    void anAgentOfAnOlderControllerIsReplacedByTheCurrentJarOnceIdle() throws Exception {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        try (BuildHostsFixture hosts = BuildHostsFixture.create(dir, pg, Duration.ofSeconds(15))) {
            String platform = BuildHostsFixture.platform(pg.controllerJdbi(), "upd");
            hosts.register(pg.controllerJdbi(), "u1", hosts.startOpenSsh("u1"), List.of(platform), 1);
            Path oldJar = jarWithExtraEntry("old");
            Path newJar = jarWithExtraEntry("new");

            try (Farm old = Farm.start(withAgentJar(hosts.config(), oldJar))) {
                BuildHostsFixture.awaitOnline(old.jdbi(), "u1");
            }
            long oldPid = hosts.agentPid("u1").orElseThrow();
            Path installed = hosts.workDir("u1").resolve("pkgforge-agent.jar");
            assertThat(Checksums.sha256Hex(installed)).isEqualTo(Checksums.sha256Hex(oldJar));

            try (Farm upgraded = Farm.start(withAgentJar(hosts.config(), newJar))) {
                Optional<Long> newPid = await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> hosts.agentPid("u1"), p -> p.isPresent() && p.get() != oldPid);
                BuildHostsFixture.awaitOnline(upgraded.jdbi(), "u1");
                assertThat(Checksums.sha256Hex(installed)).isEqualTo(Checksums.sha256Hex(newJar));
                assertThat(ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false))
                        .isFalse();
                assertThat(newPid).isPresent();
            }
        }
    }

    private static ControllerConfig withAgentJar(ControllerConfig c, Path jar) {
        ControllerConfig.HostsConfig h = c.hosts();
        return c.withHosts(new ControllerConfig.HostsConfig(
                h.identityFile(),
                Optional.of(jar),
                h.connectTimeout(),
                h.commandTimeout(),
                h.keepAlive(),
                h.agentStuckAfter(),
                h.reconnectBase(),
                h.reconnectCap()));
    }

    /** The real agent jar with one more entry: a working jar with another checksum. */
    private Path jarWithExtraEntry(String marker) throws Exception {
        Path built;
        try (var files = Files.list(Path.of("..", "agent", "target"))) {
            built = files.filter(f -> f.getFileName().toString().matches("pkgforge-agent-.*-all\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no agent jar in ../agent/target (mvn package)"));
        }
        Path copy = dir.resolve("agent-" + marker + ".jar");
        Files.copy(built, copy);
        Path extra = Files.writeString(dir.resolve("build-" + marker + ".txt"), marker);
        Path jarTool = Path.of(System.getProperty("java.home"), "bin", "jar");
        HostCommand.run(
                List.of(
                        jarTool.toString(),
                        "uf",
                        copy.toString(),
                        "-C",
                        dir.toString(),
                        extra.getFileName().toString()),
                dir,
                Duration.ofSeconds(60));
        return copy;
    }
}
