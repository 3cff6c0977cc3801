package org.pkgforge.agent.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pkgforge.agent.build.BuildOptions.CheckPolicy;
import org.pkgforge.agent.logs.AttemptLog;

/**
 * A lint check on a set's binary packages once every member built: rpmlint for RPMs, lintian for
 * Debian packages. The tool's output goes to its own log ({@code rpmlint.log}, {@code
 * lintian.log}), which travels back as a product and so lands next to build.log; the task's check
 * policy decides what its errors do. A failed attempt hands back only build.log, so when the check
 * fails the task its output is copied there.
 */
public final class PackageCheck {
    private static final String AGENT = "pkgforge-agent: ";

    /** How one lint tool is run and read. */
    public interface Tool {
        /** The tool's name as users read it ("rpmlint"); its log is {@code <name>.log}. */
        String name();

        List<String> command(Path workDir, List<Path> packages) throws IOException;

        /** The exit code that means "ran, and found errors" (0 means ran). */
        int findingsExit();

        /** Errors and warnings from the tool's output; empty when the output is not the tool's. */
        Optional<Counts> counts(String output);
    }

    public record Counts(int errors, int warnings) {}

    /** What the check found; {@code log} is the file to hand back. */
    public record Findings(Path log, int errors, int warnings) {}

    private final CommandRunner runner;
    private final Tool tool;

    public PackageCheck(CommandRunner runner, Tool tool) {
        this.runner = runner;
        this.tool = tool;
    }

    public String logName() {
        return tool.name() + ".log";
    }

    /**
     * @throws IOException when the tool cannot run or its exit code means something other than
     *     "findings" (a farm problem, not the package's)
     */
    public Findings check(Path workDir, List<Path> packages, LogSink buildLog)
            throws IOException, InterruptedException {
        Path logFile = workDir.resolve(logName());
        Files.deleteIfExists(logFile);
        List<String> command = tool.command(workDir, packages);
        buildLog.line(AGENT + tool.name() + " on " + packages.size() + " package(s), output in " + logName());
        int exit = runner.run(command, workDir, new AttemptLog(logFile));
        Optional<Counts> counts = tool.counts(Files.readString(logFile, UTF_8));
        if ((exit != 0 && exit != tool.findingsExit()) || counts.isEmpty()) {
            throw new IOException(tool.name() + " failed to run (exit " + exit + "); see " + logName());
        }
        Findings findings =
                new Findings(logFile, counts.get().errors(), counts.get().warnings());
        buildLog.line(
                AGENT + tool.name() + ": " + findings.errors() + " error(s), " + findings.warnings() + " warning(s)");
        return findings;
    }

    /**
     * The outcome of a set whose members all built: under check policy {@code off} its products;
     * otherwise the check runs on {@code packages}, and under {@code fail} its errors fail the task,
     * while under {@code warn} its log joins the products.
     */
    public BuildOutcome judge(
            CheckPolicy policy, Path workDir, List<Path> products, List<Path> packages, LogSink buildLog)
            throws IOException, InterruptedException {
        if (policy == CheckPolicy.OFF) {
            return BuildOutcome.success(products);
        }
        Findings findings = check(workDir, packages, buildLog);
        if (policy == CheckPolicy.FAIL && findings.errors() > 0) {
            buildLog.line(AGENT + tool.name() + " output follows (" + logName() + ")");
            for (String line : Files.readAllLines(findings.log(), UTF_8)) {
                buildLog.line(line);
            }
            return BuildOutcome.fail(tool.name() + " found " + findings.errors()
                    + " error(s) (check policy fail); its output is in build.log");
        }
        List<Path> withLog = new ArrayList<>(products);
        withLog.add(findings.log());
        return BuildOutcome.success(withLog);
    }
}
