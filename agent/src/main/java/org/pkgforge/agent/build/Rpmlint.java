package org.pkgforge.agent.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pkgforge.agent.logs.AttemptLog;

/**
 * The rpmlint check on a set's binary RPMs, with the farm's configuration (noisy defaults filtered).
 * Its output goes to its own log, {@code rpmlint.log}, which travels back as a product and so
 * lands next to build.log. rpmlint has no machine-readable output: its summary line is parsed.
 */
public final class Rpmlint {
    public static final String LOG_NAME = "rpmlint.log";

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) errors?, (\\d+) warnings?");
    private static final int ERRORS_FOUND = 64;

    private final CommandRunner runner;
    private final String command;

    public Rpmlint(CommandRunner runner) {
        this(runner, "rpmlint");
    }

    Rpmlint(CommandRunner runner, String command) {
        this.runner = runner;
        this.command = command;
    }

    /** What the check found; {@code log} is the file to hand back. */
    public record Findings(Path log, int errors, int warnings) {}

    /**
     * @throws IOException when rpmlint cannot run or its exit code means something other than
     *     "errors found" (a farm problem, not the package's)
     */
    public Findings check(Path workDir, List<Path> rpms, LogSink buildLog) throws IOException, InterruptedException {
        Path rc = workDir.resolve("farm-rpmlint.toml");
        try (InputStream in = Rpmlint.class.getResourceAsStream("farm-rpmlint.toml")) {
            if (in == null) {
                throw new IOException("farm-rpmlint.toml is missing from the agent");
            }
            Files.copy(in, rc, StandardCopyOption.REPLACE_EXISTING);
        }
        Path logFile = workDir.resolve(LOG_NAME);
        Files.deleteIfExists(logFile);
        LogSink checkLog = new AttemptLog(logFile);
        List<String> cmd = new ArrayList<>(List.of(command, "-c", rc.toString()));
        rpms.forEach(r -> cmd.add(r.toAbsolutePath().toString()));
        buildLog.line("pkgforge-agent: rpmlint on " + rpms.size() + " package(s), output in " + LOG_NAME);
        int exit = runner.run(cmd, workDir, checkLog);
        String output = Files.readString(logFile, UTF_8);
        Optional<int[]> counts = summary(output);
        if ((exit != 0 && exit != ERRORS_FOUND) || counts.isEmpty()) {
            throw new IOException("rpmlint failed to run (exit " + exit + "); see " + LOG_NAME);
        }
        Findings findings = new Findings(logFile, counts.get()[0], counts.get()[1]);
        buildLog.line(
                "pkgforge-agent: rpmlint: " + findings.errors() + " error(s), " + findings.warnings() + " warning(s)");
        return findings;
    }

    static Optional<int[]> summary(String output) {
        Matcher m = SUMMARY.matcher(output);
        int[] last = null;
        while (m.find()) {
            last = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        }
        return Optional.ofNullable(last);
    }
}
