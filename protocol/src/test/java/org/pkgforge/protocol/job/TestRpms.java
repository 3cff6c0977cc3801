package org.pkgforge.protocol.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real RPMs for tests, made with the host's rpmbuild through examples/make-srpm.sh: the sample
 * SRPM, a variant spec with arch restrictions and a versioned BuildRequires, and a binary RPM.
 */
final class TestRpms {
    private static final long TIMEOUT_SECONDS = 60;

    private TestRpms() {}

    /** The repository's examples/ directory: -Dpkgforge.examples, or found above the working directory. */
    static Path examples() {
        String property = System.getProperty("pkgforge.examples");
        if (property != null) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/make-srpm.sh"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException(
                "examples/make-srpm.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** Builds examples/hello into {@code outDir}; returns the SRPM. */
    static Path helloSrpm(Path outDir) throws IOException, InterruptedException {
        return makeSrpm(outDir, null);
    }

    /**
     * A copy of the hello example named "archy" with ExclusiveArch, ExcludeArch, an Epoch and a
     * versioned BuildRequires, built into {@code outDir}.
     */
    static Path archSrpm(Path workDir, Path outDir) throws IOException, InterruptedException {
        Path example = workDir.resolve("archy");
        Files.createDirectories(example.resolve("src"));
        try (Stream<Path> files = Files.list(examples().resolve("hello/src"))) {
            for (Path f : files.toList()) {
                Files.copy(f, example.resolve("src").resolve(f.getFileName()));
            }
        }
        String spec = Files.readString(examples().resolve("hello/hello.spec"))
                .replace("Name:           hello", "Name:           archy")
                .replace("Release:        1\n", "Release:        3\nEpoch:          2\n")
                .replace(
                        "BuildRequires:  gcc, make\n",
                        "BuildRequires:  gcc, make\n"
                                + "BuildRequires:  libfarm-devel >= 1.0\n"
                                + "ExclusiveArch:  x86_64 aarch64\n"
                                + "ExcludeArch:    s390x\n");
        Path specFile = example.resolve("archy.spec");
        Files.writeString(specFile, spec);
        return makeSrpm(outDir, specFile);
    }

    /** rpmbuild --rebuild --nodeps; returns the binary RPM. */
    static Path binaryRpm(Path srpm, Path workDir) throws IOException, InterruptedException {
        return rpmbuild(workDir.resolve("rebuild"), "RPMS", ".rpm", "--rebuild", srpm.toString());
    }

    /** Rebuilds the SRPM from itself with another payload compressor, e.g. "w19.zstdio" as Fedora uses. */
    static Path repackSrpm(Path srpm, Path workDir, String payload) throws IOException, InterruptedException {
        return rpmbuild(
                workDir.resolve("repack-" + payload),
                "SRPMS",
                ".src.rpm",
                "--define",
                "_source_payload " + payload,
                "-rs",
                srpm.toString());
    }

    /** Runs rpmbuild in its own _topdir and returns the first file it made under {@code outputs}. */
    private static Path rpmbuild(Path top, String outputs, String suffix, String... args)
            throws IOException, InterruptedException {
        Files.createDirectories(top);
        List<String> command = new ArrayList<>(List.of(
                "rpmbuild", "--quiet", "--nodeps", "--define", "_topdir " + top, "--define", "_tmppath " + top));
        command.addAll(List.of(args));
        run(top, command);
        try (Stream<Path> found = Files.walk(top.resolve(outputs))) {
            return found.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    private static Path makeSrpm(Path outDir, Path spec) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(examples().resolve("make-srpm.sh").toString(), outDir.toString()));
        if (spec != null) {
            command.add(spec.toString());
        }
        String printed = run(outDir, command).strip();
        return Path.of(printed);
    }

    private static String run(Path workDir, List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path log = Files.createTempFile(workDir, "cmd", ".log");
        Path out = Files.createTempFile(workDir, "cmd", ".out");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(log.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " timed out");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + Files.readString(log));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        Files.delete(log);
        return stdout;
    }
}
