package org.pkgforge.controller.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.pkgforge.controller.host.HostCommand;

/** Host tools the one-machine farm needs, and the sample package. */
final class Tools {
    private Tools() {}

    /** A message naming what to install, when a tool is missing. */
    static Optional<String> missing(List<String> tools) {
        List<String> absent = tools.stream().filter(t -> !onPath(t)).toList();
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("missing tools: " + String.join(", ", absent)
                + "; install them with: sudo apt-get install -y rpm createrepo-c");
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The architecture rpmbuild builds for on this host (x86_64, aarch64, ...). */
    static String rpmArch() throws IOException {
        return HostCommand.run(List.of("rpm", "--eval", "%{_arch}"), Path.of("."), Duration.ofMinutes(1))
                .strip();
    }

    /** This host's Debian architecture (amd64, arm64, ...). */
    static String debianArch() throws IOException {
        return HostCommand.run(List.of("dpkg", "--print-architecture"), Path.of("."), Duration.ofMinutes(1))
                .strip();
    }

    /**
     * Builds the sample's source RPM with examples/make-srpm.sh; returns its path. Each run gets
     * its own release number, as a packager would bump it: the repository refuses a second,
     * different build under a name it already serves.
     */
    static Path buildSampleSrpm(Path sampleDir, Path outDir, String release) throws IOException {
        Path script = sampleDir.toAbsolutePath().getParent().resolve("make-srpm.sh");
        if (!Files.isRegularFile(script)) {
            throw new IOException(
                    "sample not found: " + script + " (run from the PkgForge source tree or pass --sample)");
        }
        Path spec;
        try (var files = Files.list(sampleDir)) {
            spec = files.filter(f -> f.getFileName().toString().endsWith(".spec"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no .spec file in " + sampleDir));
        }
        Path source = outDir.resolve("source");
        Files.createDirectories(source.resolve("src"));
        try (var files = Files.list(sampleDir.resolve("src"))) {
            for (Path f : files.toList()) {
                Files.copy(f, source.resolve("src").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path patched = source.resolve(spec.getFileName());
        Files.writeString(
                patched, Files.readString(spec).replaceFirst("(?m)^Release:(\\s*)\\S+", "Release:$1" + release));
        Path srpms = outDir.resolve("srpm-" + release);
        Files.createDirectories(srpms);
        HostCommand.run(
                List.of(
                        "sh",
                        script.toString(),
                        srpms.toAbsolutePath().toString(),
                        patched.toAbsolutePath().toString()),
                sampleDir,
                Duration.ofMinutes(2));
        try (var files = Files.list(srpms)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".src.rpm"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("make-srpm.sh produced no source RPM in " + srpms));
        }
    }
}
