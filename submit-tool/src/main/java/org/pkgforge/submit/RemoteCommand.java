package org.pkgforge.submit;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pkgforge status|watch|logs|list|platforms|whoami|cancel|retry|web-login ...}: runs the command of the same name
 * on the farm over SSH and relays its output (control sequences stripped) and its exit code.
 */
@Command(
        description =
                "Run on the farm over SSH (status JOB, watch JOB, logs [-f] JOB, list [--mine], platforms, whoami, cancel JOB, retry JOB [--platform T], artifacts JOB, web-login).")
final class RemoteCommand implements Callable<Integer> {
    private final String name;
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Parameters(paramLabel = "ARGS", description = "Passed to the farm's command (see: pkgforge NAME --help).")
    List<String> args = new ArrayList<>();

    RemoteCommand(String name, Map<String, String> env) {
        this.name = name;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        for (String a : args) {
            if (!a.matches("[A-Za-z0-9_.,:=/@+-]+")) {
                err.println("pkgforge " + name + ": unsupported characters in argument '" + Terminal.strip(a) + "'");
                return PkgforgeCli.EXIT_USAGE;
            }
        }
        var endpoint = connection.endpoint(env);
        if (endpoint.isEmpty()) {
            err.println("pkgforge " + name + ": " + PkgforgeCli.NO_SERVER);
            return PkgforgeCli.EXIT_CONFIG;
        }
        try (SshTransport farm = SshTransport.open(endpoint.get());
                LineFilter out = new LineFilter(spec.commandLine().getOut());
                LineFilter errors = new LineFilter(err)) {
            return farm.exec(name + " " + String.join(" ", args), out, errors, Duration.ofDays(1));
        } catch (SshTransport.TransportException e) {
            err.println("pkgforge " + name + ": " + e.getMessage());
            return e.exitCode;
        }
    }
}
