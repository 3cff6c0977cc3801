package org.pkgforge.controller.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pkgforge.sql.DatabaseCredentials;
import org.pkgforge.sql.testing.PostgresExtension;

/** A controller.yaml naming the test database, for CLI commands run as users run them. */
public final class ConfigFiles {
    private ConfigFiles() {}

    public static Path controllerYaml(Path dir, PostgresExtension pg) throws IOException {
        DatabaseCredentials owner = pg.ownerCredentials();
        DatabaseCredentials ctl = pg.controllerCredentials();
        DatabaseCredentials web = pg.webCredentials();
        Path file = dir.resolve("controller.yaml");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "stateDir: " + dir.resolve("state"),
                        "database:",
                        "  jdbcUrl: " + ctl.jdbcUrl(),
                        "  ownerUser: " + owner.user(),
                        "  ownerPassword: " + owner.password(),
                        "  controllerUser: " + ctl.user(),
                        "  controllerPassword: " + ctl.password(),
                        "  webUser: " + web.user(),
                        "  webPassword: " + web.password(),
                        ""));
        return file;
    }
}
