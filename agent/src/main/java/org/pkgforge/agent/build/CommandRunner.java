package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one build command with its stdout and stderr appended to the attempt's log, after a
 * {@code + command} header line. An interrupt kills the command's whole process tree: rpmbuild's
 * %build shell, make and the compilers under it must not outlive an aborted attempt.
 */
public final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final long REAP_SECONDS = 10;

    private final boolean ownProcessGroup = Files.isExecutable(SETSID);

    /** @return the command's exit code */
    public int run(List<String> command, Path workDir, LogSink log) throws IOException, InterruptedException {
        log.line("+ " + command.stream().map(CommandRunner::quote).collect(Collectors.joining(" ")));
        ProcessBuilder builder = new ProcessBuilder(wrapped(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            int exit = process.waitFor();
            // Per-step times in the log: where a slow build spends its time, without a profiler.
            log.line(String.format(
                    java.util.Locale.ROOT,
                    "pkgforge-agent: %s exited %d after %.2f s",
                    Path.of(command.get(0)).getFileName(),
                    exit,
                    (System.nanoTime() - started) / 1e9));
            return exit;
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
    }

    /**
     * In its own session the command leads a process group, and one signal to the group reaches
     * children that were re-parented away from the tree; --wait keeps the exit code if setsid
     * has to fork.
     */
    private List<String> wrapped(List<String> command) {
        if (!ownProcessGroup) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(SETSID.toString(), "--wait"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void killTree(Process process) {
        LOG.info("Killing process tree of pid {}", process.pid());
        if (ownProcessGroup) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor(REAP_SECONDS, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                LOG.warn("Cannot signal process group {}: {}", process.pid(), e.toString());
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(REAP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Process {} did not exit within {} s of SIGKILL", process.pid(), REAP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shell-style quoting, only so the log header can be pasted into a shell. */
    static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
