package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds Debian source packages with the host's dpkg-buildpackage: the "unsafe fast" backend of
 * the feasibility notes (section D), about 2 s per package, no chroot. The set's members are its
 * {@code .dsc} files, in order; the other sources are the files they list. Each is unpacked with
 * {@code dpkg-source -x} into the task directory and built binary-only and unsigned. Build-Depends
 * are checked against the host's installed packages (the option {@code checkBuildDeps: false}
 * passes {@code -d}); earlier members' .debs are not installed on the host, so a member
 * Build-Depending on another needs the sbuild backend.
 *
 * <p>Options read: {@code errorPolicy}, {@code checkBuildDeps}.
 */
public final class DpkgBuildpackageBuilder implements Builder {
    public static final String NAME = "dpkg-buildpackage";
    public static final String CHECK_BUILD_DEPS = "checkBuildDeps";

    private final CommandRunner runner;

    public DpkgBuildpackageBuilder(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BuildOutcome build(BuildRequest request, LogSink log) throws IOException, InterruptedException {
        Path out = Files.createDirectories(request.dir().toAbsolutePath().resolve("debbuild"));
        List<Path> dscs = dscs(request.sources());
        if (dscs.isEmpty()) {
            return BuildOutcome.fail("the set has no .dsc file");
        }
        boolean checkDeps =
                !request.options().get(CHECK_BUILD_DEPS).orElse("true").equalsIgnoreCase("false");
        SetPasses.Result set =
                SetPasses.run(dscs, request.options().errorPolicy(), dsc -> buildOne(dsc, out, checkDeps, log), log);
        if (!set.allBuilt()) {
            return BuildOutcome.fail(set.reason());
        }
        return BuildOutcome.success(products(out));
    }

    private SetPasses.Member buildOne(Path dsc, Path out, boolean checkDeps, LogSink log)
            throws IOException, InterruptedException {
        String stem = dsc.getFileName().toString().replaceFirst("\\.dsc$", "");
        Path tree = out.resolve(stem);
        deleteTree(tree); // a retried member starts from a fresh unpack
        int unpack = runner.run(
                List.of("dpkg-source", "--no-check", "-x", dsc.toAbsolutePath().toString(), tree.toString()), out, log);
        if (unpack != 0) {
            return SetPasses.Member.failed("dpkg-source -x exited " + unpack);
        }
        List<String> command = new ArrayList<>(List.of("dpkg-buildpackage", "-us", "-uc", "-b"));
        if (!checkDeps) {
            command.add("-d");
        }
        int exit = runner.run(command, tree, log);
        deleteTree(tree);
        return exit == 0 ? SetPasses.Member.ok() : SetPasses.Member.failed("dpkg-buildpackage exited " + exit);
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** The set's members: its .dsc files, in order (the other sources are the files they list). */
    static List<Path> dscs(List<Path> sources) {
        return sources.stream()
                .filter(s -> s.getFileName().toString().endsWith(".dsc"))
                .toList();
    }

    /** The .deb, .changes and .buildinfo files a Debian build wrote into {@code out}. */
    static List<Path> products(Path out) throws IOException {
        Set<String> suffixes = new HashSet<>(List.of(".deb", ".udeb", ".changes", ".buildinfo"));
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> suffixes.stream()
                            .anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        }
    }
}
