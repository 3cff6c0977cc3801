package org.pkgforge.submit;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code pkgforge} command. Subcommands and long options may be abbreviated to any unambiguous
 * prefix, like the original's ({@code pkgforge sub --buck devel}). Option defaults come from
 * {@code /etc/pkgforge/pkgforge.yaml} and {@code ~/.config/pkgforge/config.yaml} ({@link ClientConfig}).
 */
@Command(
        name = "pkgforge",
        description = "Client for the PkgForge package build farm.",
        subcommands = {CommandLine.HelpCommand.class},
        footer = {"", PkgforgeCli.EXIT_CODES_HELP})
public final class PkgforgeCli implements Runnable {
    /** The job was refused, or (when waiting) a build failed. */
    static final int EXIT_FAILED = 1;

    static final int EXIT_USAGE = 2;
    static final int EXIT_SERVER = 3;
    static final int EXIT_AUTH = 4;
    static final int EXIT_CONFIG = 5;
    static final int EXIT_TIMEOUT = 6;
    static final String EXIT_CODES_HELP = "Exit codes: 0 ok, 1 job refused or build failed, 2 usage error,"
            + " 3 server error, 4 authentication refused, 5 configuration error, 6 timeout while waiting,"
            + " 130 interrupted (the job keeps running).";
    static final String NO_SERVER = "no farm configured: use --server HOST (or server: in"
            + " ~/.config/pkgforge/config.yaml), or --target DIR for a drop directory";
    static final List<String> REMOTE_COMMANDS = List.of(
            "status", "watch", "logs", "list", "platforms", "whoami", "cancel", "retry", "artifacts", "web-login");
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
        ClientConfig config;
        try {
            config = ClientConfig.load(env);
        } catch (ClientConfig.ConfigException e) {
            err.println("pkgforge: " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        CommandLine cli = new CommandLine(new PkgforgeCli())
                .addSubcommand(new SubmitCommand(env))
                .addSubcommand(new DownloadCommand(env));
        for (String name : REMOTE_COMMANDS) {
            cli.addSubcommand(name, new RemoteCommand(name, env));
        }
        cli.setAbbreviatedSubcommandsAllowed(true)
                .setAbbreviatedOptionsAllowed(true)
                .setDefaultValueProvider(arg -> fromConfig(config, arg))
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

    /** {@code --known-hosts} reads the config key {@code known_hosts}, and so on. */
    private static String fromConfig(ClientConfig config, ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
            return null;
        }
        String key = option.longestName().substring(2).replace('-', '_');
        return config.get(key).orElse(null);
    }
}
