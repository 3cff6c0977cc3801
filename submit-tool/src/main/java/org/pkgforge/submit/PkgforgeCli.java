package org.pkgforge.submit;

import java.io.PrintWriter;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code pkgforge} command. Subcommands and long options may be abbreviated to any unambiguous
 * prefix, like the original's ({@code pkgforge sub --buck devel}).
 *
 * <p>Exit codes: 0 success, 1 refused or failed (reason on stderr), 2 usage error.
 */
@Command(
        name = "pkgforge",
        description = "Client for the PkgForge package build farm.",
        subcommands = {CommandLine.HelpCommand.class})
public final class PkgforgeCli implements Runnable {
    static final int EXIT_FAILED = 1;
    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command, e.g. 'pkgforge submit'");
    }

    public static void main(String... args) {
        // Set here rather than by a logback.xml in the jar, which would compete with the
        // controller's own configuration when the controller calls run() in-process. This class
        // has no static logger so that logging is still unconfigured at this point.
        if (System.getProperty(LOGBACK_CONFIG) == null) {
            System.setProperty(LOGBACK_CONFIG, "org/pkgforge/submit/logback-cli.xml");
        }
        System.exit(run(args));
    }

    /** Runs a command line in this JVM, printing to stdout/stderr; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(), args);
    }

    /** As {@link #run(String...)}, with explicit output streams and environment (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new PkgforgeCli())
                .addSubcommand(new SubmitCommand(env))
                .setAbbreviatedSubcommandsAllowed(true)
                .setAbbreviatedOptionsAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    // A bug, not a refusal: say so in one line; the trace goes to the log.
                    LoggerFactory.getLogger(PkgforgeCli.class).error("Unexpected failure", e);
                    commandLine.getErr().println(commandLine.getCommandName() + ": internal error: " + e);
                    return EXIT_FAILED;
                });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
