package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds Debian source packages with sbuild in an unshare chroot unpacked from an mmdebstrap
 * tarball (feasibility notes, section D): a clean chroot per package, no root needed on the build
 * host beyond a subuid range. Earlier members' results are handed to later ones with {@code
 * --extra-package=<dir>}, so a set whose members Build-Depend on each other builds. sbuild's whole
 * output goes to build.log ({@code --nolog}); its {@code Fail-Stage} tells a package problem from a
 * farm one. When the set built, lintian checks its .debs under the check policy.
 *
 * <p>Options read: {@code errorPolicy}, {@code checkPolicy}, {@code dist} (required, e.g.
 * bookworm), {@code chroot} (the tarball; the controller fills in the one {@code pkgforge chroot
 * create} makes; without it sbuild looks in ~/.cache/sbuild), {@code debArch} (passed as {@code
 * --arch}).
 */
public final class SbuildBuilder implements Builder {
    public static final String NAME = "sbuild";

    private static final Pattern FAIL_STAGE = Pattern.compile("(?m)^Fail-Stage: (\\S+)$");
    private static final Pattern UNMET =
            Pattern.compile("(?m)^.*?\\bDepends: (.+?) but it is not (?:installable|going to be installed)$");

    private final CommandRunner runner;
    private final PackageCheck lintian;

    public SbuildBuilder(CommandRunner runner) {
        this.runner = runner;
        this.lintian = new PackageCheck(runner, new Lintian());
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
        Optional<Path> chroot = request.options().get("chroot").map(Path::of);
        if (chroot.isPresent() && !Files.isRegularFile(chroot.get())) {
            return BuildOutcome.infraFail("the chroot tarball " + chroot.get()
                    + " does not exist on this build host; make it with pkgforge chroot create");
        }
        Path out = Files.createDirectories(request.dir().toAbsolutePath().resolve("sbuild"));
        List<Path> dscs = DebianSets.dscs(request.sources());
        if (dscs.isEmpty()) {
            return BuildOutcome.fail("the set has no .dsc file");
        }
        SetPasses.Result set = SetPasses.run(
                dscs, request.options().errorPolicy(), dsc -> buildOne(dsc, out, request.options(), log), log);
        if (!set.allBuilt()) {
            return BuildOutcome.fail(set.reason());
        }
        return DebianSets.checked(lintian, request, out, log);
    }

    private SetPasses.Member buildOne(Path dsc, Path out, BuildOptions options, LogSink log)
            throws IOException, InterruptedException {
        boolean earlier = !DebianSets.products(out).isEmpty();
        long logStart = Files.size(log.file());
        int exit = runner.run(command(dsc, out, options, earlier), out, log);
        if (exit == 0) {
            return SetPasses.Member.ok();
        }
        return failed(log.tailSince(logStart), exit);
    }

    /**
     * Why a member failed, from the end of sbuild's output: unmet Build-Depends by name, else the
     * exit code and Fail-Stage.
     *
     * @throws IOException when the chroot never came up (nothing about the package was tried)
     */
    static SetPasses.Member failed(String output, int exit) throws IOException {
        Matcher stage = FAIL_STAGE.matcher(output);
        String failStage = stage.find() ? stage.group(1) : "unknown";
        if (failStage.equals("create-session")) {
            throw new IOException("sbuild could not create its unshare chroot (Fail-Stage: create-session; "
                    + "the build user needs ranges in /etc/subuid and /etc/subgid); see build.log");
        }
        List<String> unmet = new ArrayList<>();
        Matcher m = UNMET.matcher(output);
        while (m.find()) {
            if (!unmet.contains(m.group(1))) {
                unmet.add(m.group(1));
            }
        }
        if (failStage.equals("install-deps") && !unmet.isEmpty()) {
            return SetPasses.Member.failed("missing Build-Depends: " + String.join(", ", unmet));
        }
        return SetPasses.Member.failed("sbuild exited " + exit + " (Fail-Stage: " + failStage + ")");
    }

    /** The sbuild command line for one member; {@code out} holds the set's results so far. */
    static List<String> command(Path dsc, Path out, BuildOptions options, boolean earlierResults) {
        List<String> command = new ArrayList<>(List.of(
                "sbuild",
                "--chroot-mode=unshare",
                "--dist=" + options.get("dist").orElseThrow(),
                "--arch-all",
                "--nolog",
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
