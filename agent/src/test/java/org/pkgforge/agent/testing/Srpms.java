package org.pkgforge.agent.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds tiny real source RPMs with the host's rpmbuild: a noarch package with one text file. */
public final class Srpms {
    private Srpms() {}

    /**
     * @param buildScript the body of %build (shell)
     * @return {@code <dir>/<name>-1.0-1.src.rpm}
     */
    public static Path build(Path dir, String name, String buildScript) throws IOException, InterruptedException {
        return build(dir, name, buildScript, List.of(), "/usr/share/" + name);
    }

    /**
     * @param headers extra spec header lines, e.g. {@code BuildRequires: first >= 1.0}
     * @param installDir the absolute directory the package's one file is installed into
     */
    public static Path build(Path dir, String name, String buildScript, List<String> headers, String installDir)
            throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("srpm-" + name));
        Path tree = Files.createDirectories(work.resolve("src/" + name + "-1.0"));
        Files.writeString(tree.resolve(name + ".txt"), "hello from " + name + "\n", UTF_8);
        Path top = Files.createDirectories(work.resolve("top/SOURCES"));
        HostTools.run(work, "tar", "czf", top.resolve(name + "-1.0.tar.gz").toString(), "-C", "src", name + "-1.0");
        Path spec = work.resolve(name + ".spec");
        Files.writeString(spec, spec(name, buildScript, headers, installDir), UTF_8);
        HostTools.run(work, "rpmbuild", "-bs", "--define", "_topdir " + work.resolve("top"), spec.toString());
        Path srpm = work.resolve("top/SRPMS/" + name + "-1.0-1.src.rpm");
        assertThat(srpm).isRegularFile();
        return Files.copy(srpm, dir.resolve(srpm.getFileName()));
    }

    private static String spec(String name, String buildScript, List<String> headers, String installDir) {
        return String.join(
                "\n",
                String.join("\n", headers),
                "Name: " + name,
                "Version: 1.0",
                "Release: 1",
                "Summary: test package " + name,
                "License: MIT",
                "BuildArch: noarch",
                "Source0: " + name + "-1.0.tar.gz",
                "%description",
                "A test package.",
                "%prep",
                "%setup -q",
                "%build",
                buildScript,
                "%install",
                "mkdir -p %{buildroot}" + installDir,
                "cp " + name + ".txt %{buildroot}" + installDir + "/",
                "%files",
                installDir + "/" + name + ".txt",
                "");
    }
}
