package org.pkgforge.controller.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.host.HostCommand;
import org.pkgforge.sql.DatabaseCredentials;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.testing.PostgresExtension;

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
