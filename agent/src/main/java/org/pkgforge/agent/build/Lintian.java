package org.pkgforge.agent.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lintian on a set's binary packages (its .deb files), run on the build host after the set built,
 * whatever the Debian backend: sbuild's own lintian step is off, so both backends check alike and
 * the output has its own log. lintian prints one line per finding ({@code E: pkg: tag …},
 * {@code W: …}); its exit code is 0, or 2 when it found errors, and 1 when it could not run.
 */
public final class Lintian implements PackageCheck.Tool {
    private static final Pattern TAG = Pattern.compile("(?m)^([EW]): \\S+");
    private static final int ERRORS_FOUND = 2;

    @Override
    public String name() {
        return "lintian";
    }

    @Override
    public List<String> command(Path workDir, List<Path> debs) {
        List<String> cmd = new ArrayList<>(List.of("lintian", "--fail-on", "error"));
        debs.forEach(d -> cmd.add(d.toAbsolutePath().toString()));
        return cmd;
    }

    @Override
    public int findingsExit() {
        return ERRORS_FOUND;
    }

    /** lintian prints nothing when it found nothing, so any output it ran to the end on counts. */
    @Override
    public Optional<PackageCheck.Counts> counts(String output) {
        int errors = 0;
        int warnings = 0;
        Matcher m = TAG.matcher(output);
        while (m.find()) {
            if (m.group(1).equals("E")) {
                errors++;
            } else {
                warnings++;
            }
        }
        return Optional.of(new PackageCheck.Counts(errors, warnings));
    }
}
