package org.pkgforge.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builds: section: option layering, and the chroot tarball sbuild tasks are sent. */
class BuildSettingsTest {
    @TempDir
    Path dir;

    @Test
    void anSbuildTaskIsSentTheTarballPkgforgeChrootCreateMakes() throws Exception {
        Path file = Files.writeString(
                dir.resolve("c.yaml"),
                """
                builds:
                  platforms:
                    bookworm: { builder: sbuild, options: { dist: bookworm } }
                    trixie: { builder: sbuild, options: { dist: trixie, debArch: arm64 } }
                    deb12: { builder: dpkg-buildpackage }
                  targets:
                    pinned/bookworm: { chroot: /srv/own.tar.zst }
                """);
        BuildSettings builds = ConfigFile.load(file, dir).builds();

        assertThat(builds.forTarget("devel", "bookworm", "x86_64").options())
                .containsEntry(
                        "chroot", dir.resolve("chroots/bookworm-amd64.tar.zst").toString())
                .containsEntry("debArch", "amd64")
                .containsEntry("dist", "bookworm");
        assertThat(builds.forTarget("devel", "trixie", "aarch64").options())
                .containsEntry(
                        "chroot", dir.resolve("chroots/trixie-arm64.tar.zst").toString());
        assertThat(builds.forTarget("pinned", "bookworm", "x86_64").options())
                .containsEntry("chroot", "/srv/own.tar.zst")
                .doesNotContainKey("debArch");
        assertThat(builds.forTarget("devel", "deb12", "x86_64").options()).isEmpty();
        assertThat(builds.sbuildPlatforms())
                .containsExactly(
                        new BuildSettings.SbuildPlatform("bookworm", "bookworm", Optional.empty()),
                        new BuildSettings.SbuildPlatform("trixie", "trixie", Optional.of("arm64")));
    }

    @Test
    void chrootSettingsHaveDefaultsAndRefuseUnknownKeys() throws Exception {
        ChrootSettings defaults = ControllerConfig.defaults(dir).builds().chroots();
        assertThat(defaults.dir()).contains(dir.toAbsolutePath().resolve("chroots"));
        assertThat(defaults.mirror()).isEqualTo("http://deb.debian.org/debian");
        assertThat(defaults.include()).containsExactly("debhelper", "fakeroot");
        assertThat(defaults.variant()).isEqualTo("buildd");

        Path file = Files.writeString(
                dir.resolve("c.yaml"),
                "builds:\n  chroots:\n    directory: /srv/chroots\n    mirror: http://mirror.example/debian\n"
                        + "    include: [debhelper]\n");
        ChrootSettings set = ConfigFile.load(file, dir).builds().chroots();
        assertThat(set.dir()).contains(Path.of("/srv/chroots"));
        assertThat(set.mirror()).isEqualTo("http://mirror.example/debian");
        assertThat(set.include()).isEqualTo(List.of("debhelper"));

        Path typo = Files.writeString(dir.resolve("t.yaml"), "builds:\n  chroots:\n    mirorr: x\n");
        assertThatThrownBy(() -> ConfigFile.load(typo, dir)).hasMessageContaining("mirorr");
    }

    @Test
    void tarballNamesAreSbuildsAndCannotEscapeTheDirectory() {
        assertThat(ChrootSettings.tarballName("bookworm", "amd64")).isEqualTo("bookworm-amd64.tar.zst");
        assertThat(ChrootSettings.debianArch("x86_64")).isEqualTo("amd64");
        assertThat(ChrootSettings.debianArch("arm64")).isEqualTo("arm64");
        assertThatThrownBy(() -> ChrootSettings.tarballName("../etc", "amd64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../etc");
        assertThatThrownBy(() -> new BuildSettings(
                        null,
                        Map.of("x", new BuildSettings.PlatformBuild("sbuild", Map.of("dist", "a/../b"))),
                        null,
                        null,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("builds: option dist is 'a/../b', not a Debian suite or architecture name");
    }
}
