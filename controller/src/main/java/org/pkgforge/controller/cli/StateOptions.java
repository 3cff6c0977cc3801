package org.pkgforge.controller.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pkgforge.controller.config.ConfigFile;
import org.pkgforge.controller.config.ControllerConfig;
import picocli.CommandLine.Option;

/** Where the farm keeps its state, shared by every server-side command. */
final class StateOptions {
    @Option(
            names = {"-c", "--config"},
            description = "Controller configuration (YAML). Default: /etc/pkgforge/controller.yaml if it exists.")
    Path config;

    @Option(
            names = "--state-dir",
            description = "State directory (registry, drop directory, results, repos). "
                    + "Default: $PKGFORGE_STATE_DIR, else /var/lib/pkgforge.")
    Path stateDir;

    ControllerConfig load(Path fallbackStateDir) throws IOException {
        Path state = stateDir != null
                ? stateDir
                : System.getenv("PKGFORGE_STATE_DIR") != null
                        ? Path.of(System.getenv("PKGFORGE_STATE_DIR"))
                        : fallbackStateDir;
        Path file = config != null ? config : Path.of("/etc/pkgforge/controller.yaml");
        if (config != null || Files.exists(file)) {
            return ConfigFile.load(file, state);
        }
        return ControllerConfig.defaults(state);
    }
}
