package org.pkgforge.agent.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A task's private rpm database (feasibility notes, section B). It starts with one generated
 * noarch package that provides what the build host itself supplies (gcc, make, /bin/sh…), so
 * rpmbuild's BuildRequires check passes for the host's toolchain without {@code --nodeps}; each
 * set member's fresh binary RPMs are then registered with {@code --justdb}, so the check of later
 * members sees them, versions included. The host's own database is never touched.
 *
 * <p>{@code --justdb} satisfies the check only: no files are installed, so a later member
 * compiles against the host's headers and libraries, not an earlier member's.
 */
public final class RpmDatabase {
    /** Names the Debian build host supplies to RPM builds; a platform can replace the list. */
    public static final List<String> DEFAULT_HOST_PROVIDES = List.of(
            "/bin/sh",
            "/bin/bash",
            "/usr/bin/sh",
            "/usr/bin/env",
            "bash",
            "binutils",
            "bzip2",
            "coreutils",
            "diffutils",
            "findutils",
            "gawk",
            "gcc",
            "gcc-c++",
            "glibc-devel",
            "grep",
            "gzip",
            "make",
            "patch",
            "perl",
            "pkgconfig",
            "pkgconf",
            "python3",
            "rpm-build",
            "sed",
            "tar",
            "xz");

    static final String HOST_PROVIDES_NAME = "pkgforge-host-provides";

    private final Path path;
    private final Path workDir;
    private final CommandRunner runner;
    private final LogSink log;

    private RpmDatabase(Path path, Path workDir, CommandRunner runner, LogSink log) {
        this.path = path;
        this.workDir = workDir;
        this.runner = runner;
        this.log = log;
    }

    /**
     * Creates the database under {@code workDir} and registers the host-provides package.
     *
     * @throws IOException when rpm cannot create or seed it (a farm failure)
     */
    public static RpmDatabase create(Path workDir, List<String> hostProvides, CommandRunner runner, LogSink log)
            throws IOException, InterruptedException {
        RpmDatabase db = new RpmDatabase(workDir.resolve("rpmdb"), workDir, runner, log);
        if (runner.run(List.of("rpm", "--initdb", "--dbpath", db.path.toString()), workDir, log) != 0) {
            throw new IOException("rpm --initdb failed for the task's private rpm database");
        }
        Path stub = db.buildHostProvides(hostProvides);
        if (!db.register(List.of(stub))) {
            throw new IOException("cannot register the host-provides package in the private rpm database");
        }
        return db;
    }

    public Path path() {
        return path;
    }

    /**
     * Registers binary RPMs in the database only. {@code --nodeps} because their automatic
     * requirements (libc.so.6()(64bit)…) are the host's, which the database does not list.
     *
     * @return false when rpm refused them
     */
    public boolean register(List<Path> rpms) throws IOException, InterruptedException {
        if (rpms.isEmpty()) {
            return true;
        }
        List<String> command = new ArrayList<>(List.of(
                "rpm", "--dbpath", path.toString(), "-i", "--justdb", "--nodeps", "--force-debian", "--replacepkgs"));
        rpms.forEach(r -> command.add(r.toAbsolutePath().toString()));
        return runner.run(command, workDir, log) == 0;
    }

    private Path buildHostProvides(List<String> provides) throws IOException, InterruptedException {
        Path top = workDir.resolve("host-provides");
        Path spec = Files.createDirectories(top).resolve(HOST_PROVIDES_NAME + ".spec");
        Files.writeString(spec, spec(provides), UTF_8);
        int exit = runner.run(
                List.of(
                        "rpmbuild",
                        "-bb",
                        "--quiet",
                        "--define",
                        "_topdir " + top,
                        "--define",
                        "_tmppath " + top,
                        spec.toString()),
                workDir,
                log);
        if (exit != 0) {
            throw new IOException("rpmbuild could not build the host-provides package (exit " + exit + ")");
        }
        try (Stream<Path> files = Files.walk(top.resolve("RPMS"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(HOST_PROVIDES_NAME + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("the host-provides package was not written"));
        }
    }

    static String spec(List<String> provides) {
        StringBuilder spec = new StringBuilder();
        spec.append("Name: ").append(HOST_PROVIDES_NAME).append('\n');
        spec.append("Version: 1\nRelease: 1\nLicense: MIT\nBuildArch: noarch\n");
        spec.append("Summary: What the PkgForge build host supplies to RPM builds\n");
        for (String p : provides) {
            if (!p.matches("[A-Za-z0-9_./+()-]+")) {
                throw new IllegalArgumentException("host provide '" + p + "' is not a plain capability name");
            }
            spec.append("Provides: ").append(p).append('\n');
        }
        spec.append("%description\nGenerated by the PkgForge agent; registered with --justdb only.\n%files\n");
        return spec.toString();
    }
}
