package org.pkgforge.controller.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.host.HostCommand;
import org.pkgforge.sql.DatabaseCredentials;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/** The "farm on a laptop" configuration for end-to-end tests: real PostgreSQL, agent and tools. */
public final class FarmFixture {
    private FarmFixture() {}

    public static String rpmArch() {
        try {
            return HostCommand.run(List.of("rpm", "--eval", "%{_arch}"), Path.of("."), Duration.ofSeconds(30))
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ControllerConfig config(Path stateDir, PostgresExtension pg, List<String> agentPlatforms) {
        DatabaseCredentials owner = pg.ownerCredentials();
        DatabaseCredentials ctl = pg.controllerCredentials();
        DatabaseCredentials web = pg.webCredentials();
        ControllerConfig d = ControllerConfig.defaults(stateDir)
                .withWebPort(0)
                .withWaitForJob(Duration.ZERO)
                .withDatabase(new ControllerConfig.DatabaseConfig(
                        ctl.jdbcUrl(),
                        owner.user(),
                        owner.password(),
                        ctl.user(),
                        ctl.password(),
                        web.user(),
                        web.password()))
                .withLocalAgent(new ControllerConfig.LocalAgentConfig("local", 1, agentPlatforms, Optional.empty()));
        return d;
    }

    /** Registers {@code name/arch} as an active platform in the auto set; returns the arch. */
    public static String activeAutoPlatform(PostgresExtension pg, String name, String arch) {
        PlatformDao platforms = pg.controllerJdbi().onDemand(PlatformDao.class);
        platforms.add(name, arch);
        platforms.activate(name, arch);
        platforms.setAuto(name, arch);
        return arch;
    }

    /** The package names primary.xml.gz lists, read back as dnf would find them. */
    /**
     * {@code pkgforge submit} of {@code files} as job {@code id} into {@code bucket}; returns the
     * job's one task once it is published or has failed.
     */
    public static TaskRow submitAndAwait(
            Farm farm, ControllerConfig config, String id, String bucket, Duration timeout, Path... files)
            throws IOException {
        return submitAndAwait(farm, config, id, bucket, "auto", timeout, files);
    }

    /** As above, for the platforms {@code -p platforms} (one platform: the job has one task). */
    public static TaskRow submitAndAwait(
            Farm farm,
            ControllerConfig config,
            String id,
            String bucket,
            String platforms,
            Duration timeout,
            Path... files)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "submit",
                "-B",
                bucket,
                "-p",
                platforms,
                "--id",
                id,
                "--target",
                config.dropDir().toString()));
        for (Path file : files) {
            args.add(file.toString());
        }
        int exit = PkgforgeCli.run(args.toArray(String[]::new));
        if (exit != 0) {
            throw new IOException("pkgforge submit exited " + exit);
        }
        farm.processIncoming();
        long jobId = await().atMost(Duration.ofSeconds(60))
                .until(() -> farm.jdbi().onDemand(JobDao.class).findByUuid(id), Optional::isPresent)
                .orElseThrow()
                .id();
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> farm.jdbi().onDemand(TaskDao.class).forJob(jobId),
                        t -> t.size() == 1
                                && (t.get(0).published() || t.get(0).status().equals("fail")))
                .get(0);
    }

    public static String primaryXml(Path repo) throws IOException {
        String repomd = Files.readString(repo.resolve("repodata/repomd.xml"));
        var m = java.util.regex.Pattern.compile("href=\"(repodata/[^\"]*primary\\.xml\\.gz)\"")
                .matcher(repomd);
        if (!m.find()) {
            throw new IOException("repomd.xml names no primary metadata");
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(repo.resolve(m.group(1))))) {
            return new String(in.readAllBytes());
        }
    }
}
