package org.pkgforge.controller.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pkgforge}: the farm's command line (server, admin and user commands in one). */
@Command(
        name = "pkgforge",
        mixinStandardHelpOptions = true,
        version = "PkgForge 0.1.0",
        description = "PkgForge build farm.",
        subcommands = {
            ServeCommand.class,
            QuickstartCommand.class,
            PlatformCommand.class,
            HostCommand.class,
            ChrootCommand.class,
            UserCommand.class,
            SubmitDelegate.class
        },
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error."})
public final class ControllerMain {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new ControllerMain()).execute(args);
    }
}
