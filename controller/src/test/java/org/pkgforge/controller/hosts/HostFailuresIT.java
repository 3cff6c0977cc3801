package org.pkgforge.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.ssh.HostKeys;
import org.pkgforge.controller.testing.BuildHostsFixture;
import org.pkgforge.controller.testing.FaultFigures;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.ssh.OpenSshServerFixture;
import org.pkgforge.controller.testing.ssh.SshHostFixture;
import org.pkgforge.controller.testing.ssh.SshKeys;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.Host;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/**
 * Hosts the controller must not or cannot use: a changed host key (no connection at all), a login
 * the host refuses, no Java, nothing listening. Each ends offline with a precise reason, and their
 * tasks wait.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostFailuresIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    @Test
    void unusableHostsAreOfflineWithAPreciseReasonAndTheirTasksWait() throws Exception {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        try (BuildHostsFixture hosts = BuildHostsFixture.create(dir, pg, Duration.ofSeconds(10))) {
            var jdbi = pg.controllerJdbi();
            String broken = BuildHostsFixture.platform(jdbi, "broken");
            String keyed = BuildHostsFixture.platform(jdbi, "keyed");

            OpenSshServerFixture rekeyed = hosts.startOpenSsh("rekeyed");
            hosts.register(jdbi, "rekeyed", rekeyed, List.of(keyed), 1);

            SshKeys.KeyFiles stranger = SshKeys.generateEd25519(dir.resolve("stranger"), "id_ed25519");
            OpenSshServerFixture refusing = hosts.startOpenSsh("refusing");
            refusing.setAuthorizedKeys(List.of(stranger.publicKey()));
            hosts.register(jdbi, "refusing", refusing, List.of(broken), 1);

            OpenSshServerFixture javaless = hosts.startOpenSsh("javaless");
            hosts.register(
                    jdbi,
                    "javaless",
                    javaless,
                    List.of(broken),
                    1,
                    "/nonexistent/bin/java",
                    HostKeys.parse(javaless.hostPublicKey()));

            hosts.register(jdbi, "nowhere", new NothingListening(freePort(), rekeyed), List.of(broken), 1);

            try (Farm farm = Farm.start(hosts.config())) {
                HostDao hostDao = farm.jdbi().onDemand(HostDao.class);
                await().atMost(Duration.ofSeconds(90)).until(() -> state(hostDao, "rekeyed"), "online"::equals);
                String oldFingerprint = rekeyed.hostKeyFingerprint();

                long jobTask = submitFor(farm, hosts, "broken");
                rekeyed.replaceHostKey();
                long logBefore = acceptedLogins(rekeyed);

                Host changed = awaitReason(hostDao, "rekeyed", "changed");
                Host refused = awaitReason(hostDao, "refusing", "refused");
                Host noJava = awaitReason(hostDao, "javaless", "java 17+ not found");
                Host unreachable = awaitReason(hostDao, "nowhere", "unreachable");

                assertThat(changed.stateReason())
                        .contains("pinned " + oldFingerprint)
                        .contains("offered " + rekeyed.hostKeyFingerprint())
                        .contains("pkgforge host pin rekeyed --host-key");
                assertThat(changed.offeredHostKey()).isEqualTo(HostKeys.line(HostKeys.parse(rekeyed.hostPublicKey())));
                assertThat(refused.stateReason()).contains("authorized_keys");
                assertThat(noJava.stateReason()).contains("on 127.0.0.1").contains("/nonexistent/bin/java");
                assertThat(unreachable.stateReason()).containsIgnoringCase("refused");

                // A few more reconnect rounds: still no login ever reaches the re-keyed host.
                Thread.sleep(5_000);
                long loginsAfterRekey = acceptedLogins(rekeyed) - logBefore;
                TaskRow waiting =
                        farm.jdbi().onDemand(TaskDao.class).forJob(jobTask).get(0);

                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("hostKeyChanged", changed.stateReason());
                figures.put("loginsAfterRekey", loginsAfterRekey);
                figures.put("authRefused", refused.stateReason());
                figures.put("noJava", noJava.stateReason());
                figures.put("unreachable", unreachable.stateReason());
                figures.put("waitingTaskAttempts", waiting.attempts());
                FaultFigures.record("unusable_hosts", figures);

                assertThat(loginsAfterRekey).isZero();
                assertThat(waiting.status()).isEqualTo("needs_build");
                assertThat(waiting.attempts()).isZero();
            }
        }
    }

    private static String state(HostDao hosts, String name) {
        return hosts.find(name).orElseThrow().state();
    }

    private static Host awaitReason(HostDao hosts, String name, String fragment) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> hosts.find(name).orElseThrow(),
                        h -> h.state().equals("offline")
                                && h.stateReason() != null
                                && h.stateReason().contains(fragment));
    }

    private static long acceptedLogins(OpenSshServerFixture server) throws Exception {
        return Files.readAllLines(server.logFile()).stream()
                .filter(l -> l.contains("Accepted publickey"))
                .count();
    }

    private long submitFor(Farm farm, BuildHostsFixture hosts, String platformName) throws Exception {
        int exit = PkgforgeCli.run(
                "submit",
                "-B",
                "devel",
                "-p",
                platformName,
                "--id",
                "waits",
                "--target",
                hosts.config().dropDir().toString(),
                SamplePackages.helloSrpm().toString());
        assertThat(exit).isZero();
        farm.processIncoming();
        return farm.jdbi()
                .onDemand(JobDao.class)
                .findByUuid("waits")
                .orElseThrow()
                .id();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A host address where nothing listens (a closed port), with some real key to pin. */
    private record NothingListening(int port, SshHostFixture keySource) implements SshHostFixture {
        @Override
        public String user() {
            return keySource.user();
        }

        @Override
        public String hostPublicKey() {
            return keySource.hostPublicKey();
        }

        @Override
        public String hostKeyFingerprint() {
            return keySource.hostKeyFingerprint();
        }

        @Override
        public String knownHostsLine() {
            return keySource.knownHostsLine();
        }

        @Override
        public void setAuthorizedKeys(List<String> keys) {}

        @Override
        public void replaceHostKey() {}

        @Override
        public void dropConnections() {}

        @Override
        public void close() {}
    }
}
