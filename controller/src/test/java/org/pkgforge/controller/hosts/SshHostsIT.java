package org.pkgforge.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
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
import org.pkgforge.controller.testing.ssh.MinaSshServerFixture;
import org.pkgforge.controller.testing.ssh.OpenSshServerFixture;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/**
 * What an admin does: print the controller's key, add hosts with {@code pkgforge host add} (a MINA
 * SshServer and an OpenSSH sshd, keys pinned from known_hosts and given inline), see a job built
 * and published on each, and remove a host again.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SshHostsIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    @Test
    void hostsAddedWithTheCliBuildAndPublishJobs() throws Exception {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        Jdbi jdbi = pg.controllerJdbi();
        try (BuildHostsFixture hosts = BuildHostsFixture.create(dir, pg, Duration.ofSeconds(15))) {
            ControllerConfig config = hosts.config();
            Path yaml = ControllerYaml.write(dir, config);
            String minaPlatform = BuildHostsFixture.platform(jdbi, "viamina");
            String opensshPlatform = BuildHostsFixture.platform(jdbi, "viaopenssh");

            ControllerCli.Result pubkey = ControllerCli.run("host", "pubkey", "-c", yaml.toString());
            assertThat(pubkey.exit()).isZero();
            assertThat(pubkey.out().strip()).isEqualTo(hosts.identity().authorizedKeysLine());

            MinaSshServerFixture mina = MinaSshServerFixture.start(
                    dir.resolve("mina"), List.of(pubkey.out().strip()));
            hosts.keep(mina);
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), mina.knownHostsLine() + "\n");
            Path minaWork = hosts.workDirFor("m1"); // so the fixture kills its agent on close
            ControllerCli.Result added = addHost(
                    yaml,
                    "m1",
                    mina.user() + "@127.0.0.1:" + mina.port(),
                    minaPlatform,
                    "--slots",
                    "2",
                    "--known-hosts",
                    knownHosts.toString(),
                    "--work-dir",
                    minaWork.toString());
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(added.out()).contains("host key " + mina.hostKeyFingerprint() + " pinned");

            OpenSshServerFixture openssh = hosts.startOpenSsh("o1");
            Path opensshWork = hosts.workDirFor("o1");
            ControllerCli.Result wrongKey = addHost(
                    yaml,
                    "o1",
                    openssh.user() + "@127.0.0.1:" + openssh.port(),
                    opensshPlatform,
                    "--host-key",
                    mina.hostPublicKey());
            assertThat(wrongKey.exit()).isEqualTo(1);
            assertThat(wrongKey.err())
                    .contains("presents " + openssh.hostKeyFingerprint())
                    .contains("not adding it");
            ControllerCli.Result addedOpenssh = addHost(
                    yaml,
                    "o1",
                    openssh.user() + "@127.0.0.1:" + openssh.port(),
                    opensshPlatform,
                    "--host-key",
                    openssh.hostPublicKey(),
                    "--work-dir",
                    opensshWork.toString());
            assertThat(addedOpenssh.exit()).as(addedOpenssh.err()).isZero();
            ControllerCli.Result duplicate = addHost(
                    yaml,
                    "o1",
                    openssh.user() + "@127.0.0.1:" + openssh.port(),
                    opensshPlatform,
                    "--host-key",
                    openssh.hostPublicKey());
            assertThat(duplicate.err()).contains("already exists");

            try (Farm farm = Farm.start(config)) {
                HostDao hostDao = farm.jdbi().onDemand(HostDao.class);
                BuildHostsFixture.awaitOnline(farm.jdbi(), "m1");
                BuildHostsFixture.awaitOnline(farm.jdbi(), "o1");
                assertThat(build(farm, config, "viamina", "on-mina"))
                        .extracting(TaskRow::status, TaskRow::published)
                        .containsExactly("success", true);
                assertThat(build(farm, config, "viaopenssh", "on-openssh"))
                        .extracting(TaskRow::status, TaskRow::published)
                        .containsExactly("success", true);
                assertThat(FarmFixture.primaryXml(config.repoFor("devel", "viamina", FarmFixture.rpmArch())))
                        .contains("<name>hello</name>");

                // After a reconnect the jar on the host is the same: it is not uploaded again.
                Path jar = opensshWork.resolve("pkgforge-agent.jar");
                FileTime uploaded = Files.getLastModifiedTime(jar);
                assertThat(Files.getPosixFilePermissions(opensshWork).toString())
                        .doesNotContain("GROUP", "OTHERS");
                openssh.dropConnections();
                BuildHostsFixture.awaitOnline(farm.jdbi(), "o1");
                assertThat(Files.getLastModifiedTime(jar)).isEqualTo(uploaded);

                ControllerCli.Result list = ControllerCli.run("host", "list", "-c", yaml.toString());
                assertThat(list.out()).contains("m1").contains("o1").contains("online");
                ControllerCli.Result show = ControllerCli.run("host", "show", "o1", "-c", yaml.toString());
                assertThat(show.out()).contains(openssh.hostKeyFingerprint() + " (pinned)");

                long pid = Long.parseLong(
                        Files.readString(minaWork.resolve("agent.pid")).strip());
                ControllerCli.Result removed = ControllerCli.run("host", "remove", "m1", "-c", yaml.toString());
                assertThat(removed.exit()).isZero();
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () -> ProcessHandle.of(pid)
                                        .map(ProcessHandle::isAlive)
                                        .orElse(false),
                                alive -> !alive);
                assertThat(hostDao.find("m1")).isEmpty();
                assertThat(ControllerCli.run("host", "show", "m1", "-c", yaml.toString())
                                .err())
                        .contains("no build host m1");
            }
        }
    }

    private static TaskRow build(Farm farm, ControllerConfig config, String platform, String id) throws Exception {
        int exit = PkgforgeCli.run(
                "submit",
                "-B",
                "devel",
                "-p",
                platform,
                "--id",
                id,
                "--target",
                config.dropDir().toString(),
                SamplePackages.helloSrpm().toString());
        assertThat(exit).isZero();
        farm.processIncoming();
        long job =
                farm.jdbi().onDemand(JobDao.class).findByUuid(id).orElseThrow().id();
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> farm.jdbi().onDemand(TaskDao.class).forJob(job).get(0),
                        t -> t.published() || t.status().equals("fail"));
    }

    /** {@code pkgforge host add NAME --ssh TARGET --platform PLATFORM OPTIONS… -c YAML}. */
    private static ControllerCli.Result addHost(
            Path yaml, String name, String target, String platform, String... options) {
        List<String> args = new java.util.ArrayList<>(
                List.of("host", "add", name, "--ssh", target, "--platform", platform, "-c", yaml.toString()));
        args.addAll(List.of(options));
        return ControllerCli.run(args.toArray(String[]::new));
    }
}
