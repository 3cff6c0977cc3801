package org.pkgforge.controller.chroots;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.pkgforge.controller.config.ChrootSettings;

/**
 * Makes and lists sbuild's chroot tarballs: {@code mmdebstrap --variant=buildd
 * --include=debhelper,fakeroot --architectures=<arch> <suite> <tarball> <mirror>} (feasibility
 * notes, D; about 35 s and 160 MiB for bookworm). mmdebstrap writes a hidden temporary file in the
 * same directory, renamed over the tarball only when complete: a build that is unpacking the old
 * tarball keeps reading it, and a failed or killed refresh leaves it as it was. mmdebstrap's
 * output goes to {@code <suite>-<arch>.log} beside the tarball.
 */
public final class ChrootMaker {
    private static final int ERROR_TAIL_LINES = 15;

    /** A tarball in the chroot directory. */
    public record Tarball(String name, Path path, long size, Instant modified) {}

    /** What {@link #make} did: {@code made} is false when the tarball was there and kept. */
    public record Made(Path tarball, boolean made, Duration took, Path log) {}

    private final ChrootSettings settings;
    private final Path dir;
    private final String command;

    public ChrootMaker(ChrootSettings settings) {
        this(settings, "mmdebstrap");
    }

    /** @param command the mmdebstrap to run (tests pass a stand-in script) */
    ChrootMaker(ChrootSettings settings, String command) {
        this.settings = settings;
        this.dir = settings.dir().orElseThrow(() -> new IllegalArgumentException("no chroot directory configured"));
        this.command = command;
    }

    public Path dir() {
        return dir;
    }

    public Path tarball(String suite, String debArch) {
        return dir.resolve(ChrootSettings.tarballName(suite, debArch));
    }

    /**
     * Makes the tarball for one suite and Debian architecture. Without {@code replace} an existing
     * tarball is kept; with it (refresh) a new one is made and renamed over the old.
     *
     * @throws IOException when mmdebstrap fails or runs past {@code timeout}, with the end of its
     *     output; the old tarball, if any, is untouched and no temporary file is left
     */
    public Made make(String suite, String debArch, boolean replace, Duration timeout)
            throws IOException, InterruptedException {
        Path tarball = tarball(suite, debArch);
        Path log = dir.resolve(suite + "-" + debArch + ".log");
        if (!replace && Files.isRegularFile(tarball)) {
            return new Made(tarball, false, Duration.ZERO, log);
        }
        Files.createDirectories(dir);
        // mmdebstrap picks the format from the name, so the temporary name keeps ".tar.zst".
        Path partial = dir.resolve("." + suite + "-" + debArch + "." + UUID.randomUUID() + ".tar.zst");
        Instant start = Instant.now();
        try {
            run(command(suite, debArch, partial), log, timeout);
            if (!Files.isRegularFile(partial)) {
                throw new IOException("mmdebstrap wrote no tarball; see " + log);
            }
            Files.move(partial, tarball, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return new Made(tarball, true, Duration.between(start, Instant.now()), log);
    }

    List<String> command(String suite, String debArch, Path out) {
        return List.of(
                command,
                "--variant=" + settings.variant(),
                "--include=" + String.join(",", settings.include()),
                "--architectures=" + debArch,
                suite,
                out.toString(),
                settings.mirror());
    }

    /** The tarballs in the chroot directory, by name (temporary files of a running make are not). */
    public List<Tarball> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Tarball> tarballs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tar.zst") && !name.startsWith(".") && Files.isRegularFile(f)) {
                    tarballs.add(new Tarball(
                            name, f, Files.size(f), Files.getLastModifiedTime(f).toInstant()));
                }
            }
        }
        return tarballs;
    }

    private static void run(List<String> cmd, Path log, Duration timeout) throws IOException, InterruptedException {
        Files.writeString(log, "+ " + String.join(" ", cmd) + "\n", UTF_8);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new IOException(cmd.get(0) + " did not finish within " + timeout + "; see " + log);
            }
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
        if (p.exitValue() != 0) {
            throw new IOException(cmd.get(0) + " exited " + p.exitValue() + ":\n" + tail(log));
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - ERROR_TAIL_LINES), lines.size()));
    }
}
