package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds source RPMs with the host's rpmbuild in one private tree: _topdir, _tmppath and the rpm
 * database are all inside the task directory, so parallel tasks and the host never see each
 * other's files (feasibility notes, section B). BuildRequires are checked for real against the
 * task's {@link RpmDatabase}: the host-provides stub plus every member built so far, so a member
 * needing an earlier one's -devel package passes and a missing BuildRequires fails with its name.
 * Members build under the task's error policy ({@link SetPasses}); when all built, rpmlint runs
 * under the check policy.
 *
 * <p>Options read: {@code errorPolicy}, {@code checkPolicy}, {@code hostProvides} (comma-separated
 * capability names replacing {@link RpmDatabase#DEFAULT_HOST_PROVIDES}).
 */
public final class RpmbuildBuilder implements Builder {
    public static final String NAME = "rpmbuild";
    public static final String HOST_PROVIDES = "hostProvides";

    private static final Pattern NEEDED = Pattern.compile("(?m)^\\s+(.+?) is needed by \\S+$");
    private static final int MISSING_DEPS_EXIT = 11;

    private final CommandRunner runner;
    private final PackageCheck rpmlint;

    public RpmbuildBuilder(CommandRunner runner) {
        this.runner = runner;
        this.rpmlint = new PackageCheck(runner, new Rpmlint());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BuildOutcome build(BuildRequest request, LogSink log) throws IOException, InterruptedException {
        Path dir = request.dir().toAbsolutePath();
        Path top = Files.createDirectories(dir.resolve("top"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        RpmDatabase db;
        try {
            db = RpmDatabase.create(
                    dir, request.options().list(HOST_PROVIDES, RpmDatabase.DEFAULT_HOST_PROVIDES), runner, log);
        } catch (IllegalArgumentException e) {
            return BuildOutcome.infraFail("builder option " + HOST_PROVIDES + ": " + e.getMessage());
        }
        SetPasses.Result set = SetPasses.run(
                request.sources(), request.options().errorPolicy(), s -> buildOne(s, top, tmp, db, log), log);
        if (!set.allBuilt()) {
            return BuildOutcome.fail(set.reason());
        }
        List<Path> products = products(top, request.sources());
        List<Path> binaries = products.stream()
                .filter(p -> !p.getFileName().toString().endsWith(".src.rpm"))
                .toList();
        return rpmlint.judge(request.options().checkPolicy(), dir, products, binaries, log);
    }

    private SetPasses.Member buildOne(Path source, Path top, Path tmp, RpmDatabase db, LogSink log)
            throws IOException, InterruptedException {
        Set<Path> before = new HashSet<>(binaryRpms(top));
        long logStart = Files.size(log.file());
        int exit = runner.run(
                List.of(
                        "rpmbuild",
                        "--rebuild",
                        "--define",
                        "_topdir " + top,
                        "--define",
                        "_tmppath " + tmp,
                        "--dbpath",
                        db.path().toString(),
                        source.toAbsolutePath().toString()),
                top.getParent(),
                log);
        if (exit != 0) {
            List<String> missing = exit == MISSING_DEPS_EXIT ? missingBuildRequires(log, logStart) : List.of();
            return SetPasses.Member.failed(
                    missing.isEmpty()
                            ? "rpmbuild exited " + exit
                            : "missing BuildRequires: " + String.join(", ", missing));
        }
        List<Path> fresh =
                binaryRpms(top).stream().filter(p -> !before.contains(p)).toList();
        if (!db.register(fresh)) {
            return SetPasses.Member.failed("its RPMs could not be registered in the set's rpm database");
        }
        return SetPasses.Member.ok();
    }

    /** The "X is needed by Y" lines rpmbuild printed for this member, in order. */
    static List<String> missingBuildRequires(LogSink log, long from) throws IOException {
        List<String> missing = new ArrayList<>();
        Matcher m = NEEDED.matcher(log.tailSince(from));
        while (m.find()) {
            missing.add(m.group(1));
        }
        return missing;
    }

    private static List<Path> binaryRpms(Path top) throws IOException {
        return rpmsUnder(top.resolve("RPMS"));
    }

    private static List<Path> rpmsUnder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".rpm"))
                    .sorted()
                    .toList();
        }
    }

    /** Every *.rpm under RPMS and SRPMS, except files named like a submitted source. */
    private static List<Path> products(Path top, List<Path> sources) throws IOException {
        Set<String> submitted = new HashSet<>();
        sources.forEach(s -> submitted.add(s.getFileName().toString()));
        List<Path> products = new ArrayList<>();
        for (String sub : List.of("RPMS", "SRPMS")) {
            rpmsUnder(top.resolve(sub)).stream()
                    .filter(f -> !submitted.contains(f.getFileName().toString()))
                    .forEach(products::add);
        }
        return products;
    }
}
