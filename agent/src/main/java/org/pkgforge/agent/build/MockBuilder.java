package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pkgforge.agent.build.BuildOptions.CheckPolicy;

/**
 * Builds source RPMs with mock, in a clean chroot per member, the production backend for
 * el8/el9-style platforms. Later members see earlier ones through a local repository: after each
 * member builds, its binary RPMs are copied into {@code localrepo/} and {@code createrepo_c}
 * indexes it, and the next mock run gets {@code --addrepo=file://…/localrepo}, so a
 * BuildRequires on an earlier member is resolved by dnf inside the chroot, with its files
 * installed (unlike the rpmbuild backend's {@code --justdb}).
 *
 * <p>Options read: {@code mockConfig} (required: a mock config name or path; {@code {arch}} is
 * replaced by the task's arch, so one entry serves {@code rocky+epel-9-{arch}}), {@code mockCommand}
 * (default {@code mock}), {@code mockArgs} (extra arguments, comma-separated, each an option
 * starting with {@code --}), {@code errorPolicy}, {@code checkPolicy} (rpmlint on the host, as for
 * rpmbuild). Each mock run gets {@code --uniqueext} from the task directory, so two slots of one
 * host can build with the same config at once.
 *
 * <p>mock itself cannot run on the machines this project is tested on (it needs Fedora or EL
 * mirrors): the tests run this builder against a named stand-in script that records its command
 * line and rebuilds with rpmbuild, so everything but mock's chroot is real.
 */
public final class MockBuilder implements Builder {
    public static final String NAME = "mock";
    public static final String CONFIG = "mockConfig";
    public static final String COMMAND = "mockCommand";
    public static final String ARGS = "mockArgs";

    /** mock's root.log when dnf cannot resolve a BuildRequires. */
    private static final Pattern NO_MATCH = Pattern.compile("No matching package to install: '([^']+)'");

    private final CommandRunner runner;
    private final PackageCheck rpmlint;

    public MockBuilder(CommandRunner runner) {
        this.runner = runner;
        this.rpmlint = new PackageCheck(runner, new Rpmlint());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BuildOutcome build(BuildRequest request, LogSink log) throws IOException, InterruptedException {
        if (request.options().get(CONFIG).isEmpty()) {
            return BuildOutcome.infraFail("builder option " + CONFIG + " is not set for this platform");
        }
        List<String> extra = request.options().list(ARGS, List.of());
        for (String arg : extra) {
            if (!arg.startsWith("--") || arg.chars().anyMatch(Character::isWhitespace)) {
                return BuildOutcome.infraFail("builder option " + ARGS + ": '" + arg + "' is not a single --option");
            }
        }
        Path dir = request.dir().toAbsolutePath();
        Path localRepo = Files.createDirectories(dir.resolve("localrepo"));
        Path results = Files.createDirectories(dir.resolve("results"));
        SetPasses.Result set = SetPasses.run(
                request.sources(),
                request.options().errorPolicy(),
                srpm -> buildOne(request, srpm, results, localRepo, extra, log),
                log);
        if (!set.allBuilt()) {
            return BuildOutcome.fail(set.reason());
        }
        List<Path> products = rpms(localRepo);
        CheckPolicy policy = request.options().checkPolicy();
        return rpmlint.judge(policy, dir, products, products, log);
    }

    private SetPasses.Member buildOne(
            BuildRequest request, Path srpm, Path results, Path localRepo, List<String> extra, LogSink log)
            throws IOException, InterruptedException {
        String member = srpm.getFileName().toString().replaceAll("\\.src\\.rpm$", "");
        Path resultDir = results.resolve(member);
        Files.createDirectories(resultDir);
        boolean earlier = !rpms(localRepo).isEmpty();
        int exit = runner.run(command(request, srpm, resultDir, earlier ? localRepo : null, extra), request.dir(), log);
        appendMockLog(resultDir.resolve("build.log"), member, log);
        if (exit != 0) {
            List<String> missing = missingBuildRequires(resultDir.resolve("root.log"));
            return SetPasses.Member.failed(
                    missing.isEmpty() ? "mock exited " + exit : "missing BuildRequires: " + String.join(", ", missing));
        }
        for (Path rpm : rpms(resultDir)) {
            if (!rpm.getFileName().toString().endsWith(".src.rpm")) {
                Files.copy(
                        rpm, localRepo.resolve(rpm.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (runner.run(List.of("createrepo_c", "--quiet", localRepo.toString()), request.dir(), log) != 0) {
            throw new IOException("createrepo_c failed for the set's local repository");
        }
        return SetPasses.Member.ok();
    }

    /** The mock command line for one member; {@code localRepo} is null for the first. */
    static List<String> command(BuildRequest request, Path srpm, Path resultDir, Path localRepo, List<String> extra) {
        BuildOptions o = request.options();
        List<String> command = new ArrayList<>(List.of(
                o.get(COMMAND).orElse("mock"),
                "--root",
                o.get(CONFIG).orElseThrow().replace("{arch}", request.arch()),
                "--resultdir=" + resultDir,
                "--uniqueext=pkgforge-" + request.dir().getFileName()));
        if (localRepo != null) {
            command.add("--addrepo=file://" + localRepo.toAbsolutePath());
        }
        command.addAll(extra);
        command.add("--rebuild");
        command.add(srpm.toAbsolutePath().toString());
        return command;
    }

    /** mock keeps rpmbuild's output in the result directory; users read it in the task's log. */
    private static void appendMockLog(Path mockLog, String member, LogSink log) throws IOException {
        if (Files.isRegularFile(mockLog)) {
            log.line("pkgforge-agent: mock's build.log of " + member + " follows");
            for (String line : Files.readAllLines(mockLog, java.nio.charset.StandardCharsets.UTF_8)) {
                log.line(line);
            }
        }
    }

    static List<String> missingBuildRequires(Path rootLog) throws IOException {
        List<String> missing = new ArrayList<>();
        if (Files.isRegularFile(rootLog)) {
            Matcher m = NO_MATCH.matcher(Files.readString(rootLog, java.nio.charset.StandardCharsets.UTF_8));
            while (m.find()) {
                if (!missing.contains(m.group(1))) {
                    missing.add(m.group(1));
                }
            }
        }
        return missing;
    }

    private static List<Path> rpms(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".rpm") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
    }
}
