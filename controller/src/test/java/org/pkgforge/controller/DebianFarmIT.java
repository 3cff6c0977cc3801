package org.pkgforge.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.BuildSettings;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * A Debian source package end to end: pkgforge submit of a .dsc and its tarball → validation as
 * data → the agent's dpkg-buildpackage backend → a flat Debian repository (apt-ftparchive),
 * whose Packages index is read back as apt would.
 */
@Timeout(300)
class DebianFarmIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path state;

    @TempDir
    Path sources;

    @Test
    void aDscIsBuiltWithDpkgBuildpackageAndPublishedIntoADebianRepository() throws Exception {
        String arch = FarmFixture.rpmArch();
        PlatformDao platforms = pg.controllerJdbi().onDemand(PlatformDao.class);
        platforms.add("bookworm", arch);
        platforms.activate("bookworm", arch);
        platforms.setAuto("bookworm", arch);
        ControllerConfig config = FarmFixture.config(state, pg, List.of("bookworm/" + arch))
                .withBuilds(new BuildSettings(
                        null,
                        Map.of("bookworm", new BuildSettings.PlatformBuild("dpkg-buildpackage", Map.of())),
                        null,
                        null,
                        null));
        Path dsc = SamplePackages.dsc(sources, "hello-deb", "hello-farm", "1.0");

        try (Farm farm = Farm.start(config)) {
            TaskRow task = FarmFixture.submitAndAwait(
                    farm,
                    config,
                    "deb-1",
                    "debs",
                    Duration.ofSeconds(180),
                    dsc,
                    sources.resolve("hello-farm_1.0.tar.xz"));

            assertThat(task.status()).as(task.reason()).isEqualTo("success");
            Path repo = config.repoFor("debs", "bookworm", arch);
            String packages = Files.readString(repo.resolve("Packages"));
            assertThat(packages)
                    .contains("Package: hello-farm")
                    .contains("Version: 1.0")
                    .contains("Filename: pool/hello-farm_1.0_all.deb");
            assertThat(Files.readString(repo.resolve("Release"))).contains("Packages");
            Path results = config.resultsDir().resolve("deb-1").resolve("bookworm-" + arch);
            assertThat(Files.readString(results.resolve("build.log"))).contains("dpkg-buildpackage -us -uc -b");
        }
    }
}
