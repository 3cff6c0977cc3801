package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Debian source packages with sbuild in an unshare chroot made from an mmdebstrap tarball
 * (feasibility notes, section D): a clean chroot per package, no root needed on the build host
 * beyond a subuid range. Earlier members' results are handed to later ones with
 * {@code --extra-package=<dir>}, so a set whose members Build-Depend on each other builds.
 *
 * <p>Options read: {@code errorPolicy}, {@code dist} (required, e.g. bookworm), {@code chroot}
 * (the tarball; sbuild's default lookup in ~/.cache/sbuild when absent), {@code debArch} (passed
 * as {@code --arch}). This backend's command composition is tested; a real sbuild run takes about
 * 30 s and a chroot tarball, and has no test here yet.
 */
public final class SbuildBuilder implements Builder {
    public static final String NAME = "sbuild";

    private final CommandRunner runner;

    public SbuildBuilder(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BuildOutcome build(BuildRequest request, LogSink log) throws IOException, InterruptedException {
        if (request.options().get("dist").isEmpty()) {
            return BuildOutcome.infraFail("builder option dist is not set for this platform");
        }
        Path out = Files.createDirectories(request.dir().toAbsolutePath().resolve("sbuild"));
        List<Path> dscs = DpkgBuildpackageBuilder.dscs(request.sources());
        if (dscs.isEmpty()) {
            return BuildOutcome.fail("the set has no .dsc file");
        }
        SetPasses.Result set = SetPasses.run(
                dscs,
                request.options().errorPolicy(),
                dsc -> {
                    boolean earlier = !DpkgBuildpackageBuilder.products(out).isEmpty();
                    int exit = runner.run(command(dsc, out, request.options(), earlier), out, log);
                    return exit == 0 ? SetPasses.Member.ok() : SetPasses.Member.failed("sbuild exited " + exit);
                },
                log);
        if (!set.allBuilt()) {
            return BuildOutcome.fail(set.reason());
        }
        return BuildOutcome.success(DpkgBuildpackageBuilder.products(out));
    }

    /** The sbuild command line for one member; {@code out} holds the set's results so far. */
    static List<String> command(Path dsc, Path out, BuildOptions options, boolean earlierResults) {
        List<String> command = new ArrayList<>(List.of(
                "sbuild",
                "--chroot-mode=unshare",
                "--dist=" + options.get("dist").orElseThrow(),
                "--no-run-lintian",
                "--no-run-piuparts",
                "--no-run-autopkgtest",
                "--build-dir=" + out));
        options.get("chroot").ifPresent(c -> command.add("--chroot=" + c));
        options.get("debArch").ifPresent(a -> command.add("--arch=" + a));
        if (earlierResults) {
            command.add("--extra-package=" + out);
        }
        command.add(dsc.toAbsolutePath().toString());
        return command;
    }
}
