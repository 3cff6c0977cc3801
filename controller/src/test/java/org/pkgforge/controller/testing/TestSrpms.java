package org.pkgforge.controller.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pkgforge.controller.host.HostCommand;

/**
 * Source RPMs made for one test with the real rpmbuild: builds whose %build prints numbered lines
 * ("line 1" … "line N") at a set pace, so a test can kill or cut things in the middle of a build
 * and then count what the farm stored.
 */
public final class TestSrpms {
    private TestSrpms() {}

    /**
     * {@code name-1-release.src.rpm} printing {@code lines} lines, sleeping {@code pauseMillis} after
     * every {@code linesPerPause} of them.
     */
    public static Path numberedLines(Path dir, String name, int release, int lines, int linesPerPause, int pauseMillis)
            throws IOException {
        String spec =
                """
                Name: %1$s
                Version: 1
                Release: %2$d
                Summary: prints numbered lines (PkgForge test package)
                License: MIT
                BuildArch: noarch

                %%description
                Prints %3$d numbered lines while it builds.

                %%prep

                %%build
                set +x
                i=1
                while [ $i -le %3$d ]; do
                    echo "line $i"
                    if [ $((i %% %4$d)) -eq 0 ]; then sleep %5$s; fi
                    i=$((i + 1))
                done

                %%install
                mkdir -p %%{buildroot}/usr/share/%1$s
                echo %2$d > %%{buildroot}/usr/share/%1$s/release

                %%files
                /usr/share/%1$s/release
                """
                        .formatted(name, release, lines, linesPerPause, String.format("%.3f", pauseMillis / 1000.0));
        Path top = Files.createDirectories(dir.resolve(".rpmbuild-" + name + "-" + release));
        Path specFile = top.resolve(name + ".spec");
        Files.writeString(specFile, spec);
        HostCommand.run(
                List.of(
                        "rpmbuild",
                        "--quiet",
                        "-bs",
                        "--define",
                        "_topdir " + top,
                        "--define",
                        "_tmppath " + top.resolve("tmp"),
                        "--define",
                        "_srcrpmdir " + dir,
                        specFile.toString()),
                dir,
                Duration.ofSeconds(60));
        Path srpm = dir.resolve(name + "-1-" + release + ".src.rpm");
        if (!Files.isRegularFile(srpm)) {
            throw new IOException("rpmbuild -bs did not produce " + srpm);
        }
        return srpm;
    }
}
