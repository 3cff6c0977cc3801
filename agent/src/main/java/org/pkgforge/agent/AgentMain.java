package org.pkgforge.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pkgforge.agent.build.Builders;
import org.pkgforge.agent.connection.ControllerAddress;
import org.pkgforge.agent.connection.ControllerLocator;
import org.pkgforge.agent.connection.PortFileLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pkgforge-agent}: the process a launcher starts on a build host. The one-time token comes
 * on stdin, never in argv, where every user of the host could read it in {@code ps}.
 */
@Command(
        name = "pkgforge-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentMain.Version.class,
        description = "Connects to a PkgForge controller and builds the tasks it assigns."
                + " Reads the one-time token as the first line of stdin.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:stopped",
            "1:internal error",
            "2:usage error (bad option, no token)",
            "3:refused by the controller (bad token, protocol version mismatch)"
        })
public final class AgentMain implements Callable<Integer> {
    /** PKGFORGE_KEEP_WORK=1 keeps task directories after the result is stored, for debugging. */
    static final String KEEP_WORK_ENV = "PKGFORGE_KEEP_WORK";
    /** The agent's own logging setup; an explicit -Dlogback.configurationFile still wins. */
    static final String LOGBACK_CONFIG = "pkgforge-agent-logback.xml";

    @Option(
            names = "--controller",
            paramLabel = "HOST:PORT",
            description = "controller address (or use --controller-port-file)")
    String controller;

    @Option(
            names = "--controller-port-file",
            paramLabel = "FILE",
            description = "read the controller's port on 127.0.0.1 from FILE before every connection attempt"
                    + " (written by the controller's SSH launcher, which forwards that port to itself)")
    Path controllerPortFile;

    @Option(
            names = "--pid-file",
            paramLabel = "FILE",
            description = "write this process's id to FILE while it runs (the SSH launcher checks it)")
    Path pidFile;

    @Option(names = "--name", required = true, description = "this agent's name, as the controller knows it")
    String name;

    @Option(names = "--work-dir", required = true, paramLabel = "DIR", description = "where task directories go")
    Path workDir;

    @Option(names = "--slots", defaultValue = "1", description = "tasks to build at once (default: ${DEFAULT-VALUE})")
    int slots;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;

    AgentMain(InputStream stdin) {
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        // Before the first logger exists: logback reads this property once, when it starts.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        System.exit(execute(args, System.in, new PrintWriter(System.err, true)));
    }

    static int execute(String[] args, InputStream stdin, PrintWriter err) {
        return new CommandLine(new AgentMain(stdin)).setErr(err).execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        AgentConfig config;
        try {
            config = AgentConfig.of(locator(), name, workDir, slots, readToken())
                    .withKeepWork("1".equals(System.getenv(KEEP_WORK_ENV)));
        } catch (IllegalArgumentException e) {
            err.println("pkgforge-agent: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        try (PidFile pid = PidFile.write(pidFile);
                Agent agent = new Agent(config, Builders.standard())) {
            Thread hook = new Thread(agent::close, "agent-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            int exit = agent.run();
            if (exit == Agent.EXIT_REFUSED) {
                err.println("pkgforge-agent: refused by the controller: "
                        + agent.refusal().getNow("?"));
            }
            err.flush();
            removeHook(hook);
            return exit;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (that is why run() returned): nothing to remove.
        }
    }

    private ControllerLocator locator() {
        if ((controller == null) == (controllerPortFile == null)) {
            throw new IllegalArgumentException(
                    "give exactly one of --controller HOST:PORT and --controller-port-file FILE");
        }
        return controller != null
                ? ControllerAddress.parse(controller)
                : new PortFileLocator("127.0.0.1", controllerPortFile.toAbsolutePath());
    }

    /** Only the first line: the launcher may keep stdin open. */
    private String readToken() throws IOException {
        String line = new BufferedReader(new InputStreamReader(stdin, UTF_8)).readLine();
        return line == null ? "" : line.strip();
    }

    /** Reports the jar's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pkgforge-agent " + Agent.version()};
        }
    }
}
