package org.pkgforge.controller.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pkgforge.controller.host.HostCommand;

/**
 * Real packages for tests from the bundled examples: the sample SRPM and a binary RPM rebuilt from
 * it (built once per JVM with the real rpmbuild), other examples' SRPMs and Debian source packages.
 */
public final class SamplePackages {
    private static Path dir;

    private SamplePackages() {}

    public static Path examplesDir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("examples/make-srpm.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "examples/make-srpm.sh not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("examples");
    }

    public static synchronized Path helloSrpm() throws IOException, InterruptedException {
        return find(built(), ".src.rpm");
    }

    /** A binary RPM (rpmbuild --rebuild of the sample), to submit where an SRPM is expected. */
    public static synchronized Path helloBinaryRpm() throws IOException, InterruptedException {
        Path top = built().resolve("rebuild");
        if (!Files.isDirectory(top)) {
            run(List.of(
                    "rpmbuild",
                    "--rebuild",
                    "--nodeps",
                    "--define",
                    "_topdir " + top,
                    "--define",
                    "_tmppath " + top.resolve("tmp"),
                    helloSrpm().toString()));
        }
        try (var walk = Files.walk(top.resolve("RPMS"))) {
            return walk.filter(f -> f.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
    }

    /**
     * The source RPM of {@code examples/<example>}, its spec changed by {@code specEdit} (to break
     * a build, say), written into {@code outDir}.
     */
    public static Path srpm(Path outDir, String example, java.util.function.UnaryOperator<String> specEdit)
            throws IOException {
        Path from = examplesDir().resolve(example);
        Path copy = Files.createDirectories(outDir.resolve(".spec-" + example));
        Path src = Files.createDirectories(copy.resolve("src"));
        try (var files = Files.list(from.resolve("src"))) {
            for (Path f : files.toList()) {
                Files.copy(f, src.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path spec = copy.resolve(example + ".spec");
        Files.writeString(spec, specEdit.apply(Files.readString(from.resolve(example + ".spec"))));
        String out = HostCommand.run(
                List.of("sh", examplesDir().resolve("make-srpm.sh").toString(), outDir.toString(), spec.toString()),
                Path.of("."),
                Duration.ofMinutes(2));
        return Path.of(out.strip().lines().reduce((first, last) -> last).orElseThrow());
    }

    /** A tiny noarch RPM made with the real rpmbuild; {@code description} varies its bytes. */
    public static Path rpm(Path workDir, String name, String version, String description) throws IOException {
        Path top = Files.createDirectories(workDir.resolve(name + "-" + description.hashCode()));
        Path spec = top.resolve(name + ".spec");
        Files.writeString(
                spec,
                "Name: " + name + "\nVersion: " + version + "\nRelease: 1\nSummary: test\n"
                        + "License: MIT\nBuildArch: noarch\n%description\n" + description + "\n%files\n");
        HostCommand.run(
                List.of("rpmbuild", "-bb", "--define", "_topdir " + top, spec.toString()), top, Duration.ofMinutes(1));
        try (var walk = Files.walk(top.resolve("RPMS"))) {
            return walk.filter(f -> f.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
    }

    /** A tiny .deb made with the real dpkg-deb; {@code text} varies its bytes. */
    public static Path deb(Path workDir, String name, String version, String text) throws IOException {
        Path root = workDir.resolve("src-" + name + "-" + version + "-" + text.hashCode());
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.createDirectories(root.resolve("usr/share/" + name));
        Files.writeString(root.resolve("usr/share/" + name + "/file.txt"), text);
        Files.writeString(
                root.resolve("DEBIAN/control"),
                "Package: " + name + "\nVersion: " + version + "\nArchitecture: all\n"
                        + "Maintainer: PkgForge Tests <tests@example.org>\nDescription: test " + name + "\n");
        Path deb = Files.createDirectories(workDir.resolve("out-" + text.hashCode()))
                .resolve(name + "_" + version + "_all.deb");
        HostCommand.run(
                List.of("dpkg-deb", "--root-owner-group", "--build", root.toString(), deb.toString()),
                workDir,
                Duration.ofSeconds(60));
        return deb;
    }

    /**
     * The Debian source package of {@code examples/<example>} (format 3.0 native), made with
     * {@code dpkg-source -b} from a copy named {@code <name>-<version>} in {@code outDir}; returns
     * its .dsc, beside which lies its .tar.xz.
     */
    public static Path dsc(Path outDir, String example, String name, String version) throws IOException {
        String tree = name + "-" + version;
        HostCommand.run(
                List.of(
                        "cp",
                        "-R",
                        examplesDir().resolve(example).toString(),
                        outDir.resolve(tree).toString()),
                outDir,
                Duration.ofSeconds(30));
        HostCommand.run(List.of("dpkg-source", "-b", tree), outDir, Duration.ofSeconds(60));
        return outDir.resolve(name + "_" + version + ".dsc");
    }

    private static Path built() throws IOException, InterruptedException {
        if (dir == null) {
            Path out = Files.createTempDirectory("pkgforge-samples");
            run(List.of("sh", examplesDir().resolve("make-srpm.sh").toString(), out.toString()));
            dir = out;
        }
        return dir;
    }

    private static Path find(Path in, String suffix) throws IOException {
        try (var files = Files.list(in)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static void run(List<String> command) throws IOException {
        HostCommand.run(command, Path.of("."), Duration.ofMinutes(2));
    }
}
