package org.pkgforge.agent.build;

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

/**
 * rpmlint on a set's binary RPMs, with the farm's configuration (noisy defaults filtered). rpmlint
 * has no machine-readable output: its summary line is parsed.
 */
public final class Rpmlint implements PackageCheck.Tool {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) errors?, (\\d+) warnings?");
    private static final int ERRORS_FOUND = 64;

    @Override
    public String name() {
        return "rpmlint";
    }

    @Override
    public List<String> command(Path workDir, List<Path> rpms) throws IOException {
        Path rc = workDir.resolve("farm-rpmlint.toml");
        try (InputStream in = Rpmlint.class.getResourceAsStream("farm-rpmlint.toml")) {
            if (in == null) {
                throw new IOException("farm-rpmlint.toml is missing from the agent");
            }
            Files.copy(in, rc, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of("rpmlint", "-c", rc.toString()));
        rpms.forEach(r -> cmd.add(r.toAbsolutePath().toString()));
        return cmd;
    }

    @Override
    public int findingsExit() {
        return ERRORS_FOUND;
    }

    @Override
    public Optional<PackageCheck.Counts> counts(String output) {
        Matcher m = SUMMARY.matcher(output);
        PackageCheck.Counts last = null;
        while (m.find()) {
            last = new PackageCheck.Counts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return Optional.ofNullable(last);
    }
}
