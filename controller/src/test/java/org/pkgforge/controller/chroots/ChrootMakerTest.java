package org.pkgforge.controller.chroots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.ChrootSettings;

/**
 * How tarballs are made and replaced, with a stand-in for mmdebstrap that writes its fifth
 * argument (the output file) or fails; the real mmdebstrap runs in SbuildFarmIT.
 */
@Timeout(60)
class ChrootMakerTest {
    @TempDir
    Path temp;

    @Test
    void createMakesTheTarballOnceAndRefreshReplacesIt() throws Exception {
        ChrootMaker maker = maker(script("echo \"$@\"; echo first > \"$5\""));

        ChrootMaker.Made made = maker.make("bookworm", "amd64", false, Duration.ofSeconds(20));

        Path tarball = temp.resolve("chroots/bookworm-amd64.tar.zst");
        assertThat(made.made()).isTrue();
        assertThat(made.tarball()).isEqualTo(tarball);
        assertThat(tarball).content().isEqualTo("first\n");
        assertThat(made.log())
                .content()
                .contains("--variant=buildd --include=debhelper,fakeroot --architectures=amd64 bookworm")
                .contains("http://deb.debian.org/debian");
        assertThat(maker.make("bookworm", "amd64", false, Duration.ofSeconds(20))
                        .made())
                .isFalse();

        ChrootMaker second = maker(script("echo second > \"$5\""));
        assertThat(second.make("bookworm", "amd64", true, Duration.ofSeconds(20))
                        .made())
                .isTrue();
        assertThat(tarball).content().isEqualTo("second\n");
        assertThat(names()).containsExactly("bookworm-amd64.log", "bookworm-amd64.tar.zst");
    }

    @Test
    void aFailedRefreshKeepsTheOldTarballAndLeavesNoPartialFile() throws Exception {
        maker(script("echo old > \"$5\"")).make("bookworm", "amd64", false, Duration.ofSeconds(20));
        ChrootMaker failing = maker(script("echo half > \"$5\"; echo 'E: cannot reach the mirror' >&2; exit 25"));

        assertThatThrownBy(() -> failing.make("bookworm", "amd64", true, Duration.ofSeconds(20)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exited 25")
                .hasMessageContaining("E: cannot reach the mirror");

        assertThat(temp.resolve("chroots/bookworm-amd64.tar.zst")).content().isEqualTo("old\n");
        assertThat(names()).containsExactly("bookworm-amd64.log", "bookworm-amd64.tar.zst");
    }

    @Test
    void aHungMmdebstrapIsStoppedAtTheTimeout() throws Exception {
        ChrootMaker hung = maker(script("echo part > \"$5\"; sleep 30"));
        long start = System.nanoTime();

        assertThatThrownBy(() -> hung.make("bookworm", "amd64", false, Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not finish within PT1S");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(names()).containsExactly("bookworm-amd64.log");
    }

    @Test
    void listShowsCompleteTarballsOnly() throws Exception {
        ChrootMaker maker = maker(script("head -c 2048 /dev/zero > \"$5\""));
        maker.make("bookworm", "amd64", false, Duration.ofSeconds(20));
        Files.writeString(temp.resolve("chroots/.trixie-amd64.1234.tar.zst"), "in progress");

        List<ChrootMaker.Tarball> tarballs = maker.list();

        assertThat(tarballs).extracting(ChrootMaker.Tarball::name).containsExactly("bookworm-amd64.tar.zst");
        assertThat(tarballs.get(0).size()).isEqualTo(2048);
    }

    private ChrootMaker maker(Path command) {
        return new ChrootMaker(
                new ChrootSettings(temp.resolve("chroots").toString(), null, null, null), command.toString());
    }

    private Path script(String body) throws IOException {
        Path script = Files.createTempFile(temp, "mmdebstrap", ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(temp.resolve("chroots"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
