package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds Debian source packages with the host's dpkg-buildpackage: the "unsafe fast" backend of
 * the feasibility notes (section D), about 2 s per package, no chroot. The set's members are its
 * {@code .dsc} files, in order; the other sources are the files they list. Each is unpacked with
 * {@code dpkg-source -x} into the task directory and built binary-only and unsigned. Build-Depends
 * are checked against the host's installed packages (the option {@code checkBuildDeps: false}
 * passes {@code -d}); earlier members' .debs are not installed on the host, so a member
 * Build-Depending on another needs the sbuild backend. When the set built, lintian checks its .debs
 * under the check policy.
 *
 * <p>Options read: {@code errorPolicy}, {@code checkPolicy}, {@code checkBuildDeps}.
 */
public final class DpkgBuildpackageBuilder implements Builder {
    public static final String NAME = "dpkg-buildpackage";
    public static final String CHECK_BUILD_DEPS = "checkBuildDeps";

    private final CommandRunner runner;
    private final PackageCheck lintian;

    public DpkgBuildpackageBuilder(CommandRunner runner) {
        this.runner = runner;
        this.lintian = new PackageCheck(runner, new Lintian());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BuildOutcome build(BuildRequest request, LogSink log) throws IOException, InterruptedException {
        Path out = Files.createDirectories(request.dir().toAbsolutePath().resolve("debbuild"));
        List<Path> dscs = DebianSets.dscs(request.sources());
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
        return DebianSets.checked(lintian, request, out, log);
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
}
