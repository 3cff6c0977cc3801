package org.pkgforge.controller.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.pkgforge.controller.cli.ControllerMain;

/** Runs {@code pkgforge …} in this JVM with its stdout and stderr captured. */
public final class ControllerCli {
    /** The exit code and what the command printed. */
    public record Result(int exit, String out, String err) {}

    private ControllerCli() {}

    /** {@code pkgforge ARGS… --config CONFIG}, as an admin runs it on the controller. */
    public static Result run(Path config, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return run(all);
    }

    /** Synchronized: System.out and System.err are swapped for the run. */
    public static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = ControllerMain.run(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
