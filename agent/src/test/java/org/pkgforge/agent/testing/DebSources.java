package org.pkgforge.agent.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Tiny real Debian source packages (format 3.0 native, debhelper), made with dpkg-source -b. */
public final class DebSources {
    private DebSources() {}

    /**
     * @param buildDepends the Build-Depends line's value
     * @param rulesExtra lines added to debian/rules after the catch-all (e.g. an override target)
     * @return {@code <dir>/<name>_1.0.dsc}; the .tar.xz lies beside it
     */
    public static Path build(Path dir, String name, String buildDepends, String rulesExtra)
            throws IOException, InterruptedException {
        return build(dir, name, buildDepends, rulesExtra, true);
    }

    /**
     * @param copyright false leaves out debian/copyright, which lintian reports as an error
     *     ({@code no-copyright-file})
     */
    public static Path build(Path dir, String name, String buildDepends, String rulesExtra, boolean copyright)
            throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("deb-" + name));
        Path tree = Files.createDirectories(work.resolve(name + "-1.0/debian/source"));
        Path debian = tree.getParent();
        Path top = debian.getParent();
        Files.writeString(
                debian.resolve("control"),
                String.join(
                        "\n",
                        "Source: " + name,
                        "Section: misc",
                        "Priority: optional",
                        "Maintainer: PkgForge Tests <tests@example.org>",
                        "Build-Depends: " + buildDepends,
                        "Standards-Version: 4.6.2",
                        "",
                        "Package: " + name,
                        "Architecture: all",
                        "Description: test package " + name,
                        " A package that installs one text file.",
                        ""),
                UTF_8);
        Files.writeString(
                debian.resolve("changelog"),
                name + " (1.0) unstable; urgency=medium\n\n  * Test.\n\n"
                        + " -- PkgForge Tests <tests@example.org>  Mon, 25 Nov 2024 00:00:00 +0000\n",
                UTF_8);
        Path rules = debian.resolve("rules");
        Files.writeString(rules, "#!/usr/bin/make -f\n%:\n\tdh $@\n" + rulesExtra, UTF_8);
        Files.setPosixFilePermissions(rules, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tree.resolve("format"), "3.0 (native)\n", UTF_8);
        if (copyright) {
            Files.writeString(
                    debian.resolve("copyright"),
                    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
                            + "Files: *\nCopyright: 2024 PkgForge Tests\nLicense: MIT\n",
                    UTF_8);
        }
        Files.writeString(debian.resolve("install"), name + ".txt usr/share/" + name + "\n", UTF_8);
        Files.writeString(top.resolve(name + ".txt"), "hello from " + name + "\n", UTF_8);
        HostTools.run(work, "dpkg-source", "-b", name + "-1.0");
        for (String file : List.of(name + "_1.0.dsc", name + "_1.0.tar.xz")) {
            Files.copy(work.resolve(file), dir.resolve(file));
        }
        return dir.resolve(name + "_1.0.dsc");
    }
}
