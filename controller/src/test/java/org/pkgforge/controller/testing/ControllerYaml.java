package org.pkgforge.controller.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pkgforge.controller.config.ControllerConfig;

/** A test farm's configuration as the {@code controller.yaml} an admin would write, for CLI and process tests. */
public final class ControllerYaml {
    private ControllerYaml() {}

    public static Path write(Path dir, ControllerConfig c) throws IOException {
        var db = c.database().orElseThrow();
        String yaml =
                """
                stateDir: %s
                webPort: 0
                waitForJobSeconds: 0
                rescanSeconds: 1
                heartbeatSeconds: %d
                leaseSeconds: %d
                database:
                  jdbcUrl: "%s"
                  ownerUser: %s
                  ownerPassword: "%s"
                  controllerUser: %s
                  controllerPassword: "%s"
                  webUser: %s
                  webPassword: "%s"
                hosts:
                  identityFile: %s
                  keepAliveSeconds: 2
                  reconnectCapSeconds: 2
                  agentStuckAfterSeconds: 180
                """
                        .formatted(
                                c.stateDir(),
                                c.heartbeat().toSeconds(),
                                c.lease().toSeconds(),
                                db.jdbcUrl(),
                                db.ownerUser(),
                                db.ownerPassword(),
                                db.controllerUser(),
                                db.controllerPassword(),
                                db.webUser(),
                                db.webPassword(),
                                c.hosts().identityFile());
        return Files.writeString(dir.resolve("controller.yaml"), yaml);
    }
}
