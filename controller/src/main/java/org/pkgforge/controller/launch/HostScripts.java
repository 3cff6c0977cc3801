package org.pkgforge.controller.launch;

import static org.pkgforge.controller.ssh.RemoteShell.quote;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The POSIX shell scripts the SSH launcher runs on a build host, in one place so they can be read
 * (and tested) as a whole. Everything variable is single-quoted; the launch token arrives on stdin.
 *
 * <p>Layout of the agent's directory {@code W} on the host: {@code pkgforge-agent.jar},
 * {@code agent.pid}, {@code agent.log}, {@code controller.port} (the remote-forward port, rewritten
 * after every reconnect) and {@code work/} (task directories).
 */
final class HostScripts {
    static final String JAR = "pkgforge-agent.jar";
    private static final Pattern JAVA_VERSION = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?");

    /**
     * JVM options for the agent: it is mostly idle, waiting on a socket and a child process, so it
     * is kept small (an idle agent stays under 96 MB RSS). C2 alone, one compiler thread, rather than
     * C1 alone ({@code -XX:TieredStopAtLevel=1}): the agent checks the SHA-256 of every source and
     * product, and the JDK's SHA-256 intrinsic (SHA-NI, AVX2) is C2's only; with C1 it hashed at
     * about 70 MB/s instead of about 800 MB/s here, which made verification the slowest part of a
     * large transfer. Default tiered compilation also hashes fast but raised an idle agent's RSS
     * from about 80 to about 98 MB after builds; C2 alone stays about where C1 was
     * (docs/benchmarks.md).
     */
    static final List<String> AGENT_JVM_OPTIONS = List.of(
            "-Xms16m",
            "-Xmx96m",
            "-Xss512k",
            "-XX:+UseSerialGC",
            "-XX:-TieredCompilation",
            "-XX:CICompilerCount=1",
            "-XX:MaxMetaspaceSize=64m",
            "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxDirectMemorySize=64m",
            "-Dio.netty.allocator.numHeapArenas=1",
            "-Dio.netty.allocator.numDirectArenas=1");

    private HostScripts() {}

    static String home() {
        return "printf '%s' \"$HOME\"";
    }

    static String javaVersion(String java) {
        return "command -v " + quote(java) + " >/dev/null 2>&1 || { echo 'command not found' >&2; exit 127; }; "
                + quote(java) + " -version 2>&1";
    }

    /** The major version from {@code java -version} output ({@code 1.8} counts as 8). */
    static OptionalInt javaMajor(String versionOutput) {
        Matcher m = JAVA_VERSION.matcher(versionOutput);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        int first = Integer.parseInt(m.group(1));
        return OptionalInt.of(first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first);
    }

    /** Creates the directory (0700) and prints the installed jar's SHA-256, or nothing. */
    static String prepare(String dir) {
        String w = quote(dir);
        return "umask 077 && mkdir -p " + w + "/work && chmod 700 " + w + " && { sha256sum " + w + "/" + JAR
                + " 2>/dev/null | cut -c1-64; true; }";
    }

    /** Moves an uploaded jar into place (rename on the host: atomic for a running agent's reader). */
    static String installJar(String dir, String uploaded) {
        return "mv -f " + quote(uploaded) + " " + quote(dir + "/" + JAR);
    }

    static String writePort(String dir, int port) {
        String w = quote(dir);
        return "umask 077 && printf '%s\\n' " + port + " > " + w + "/controller.port.tmp && mv -f " + w
                + "/controller.port.tmp " + w + "/controller.port";
    }

    /**
     * Prints {@code alive PID} when the recorded agent process exists and runs our jar,
     * {@code dead PID} when it is gone (pid file left behind: killed), {@code none} otherwise.
     */
    static String status(String dir) {
        String w = quote(dir);
        return "pid=$(cat " + w + "/agent.pid 2>/dev/null) || { echo none; exit 0; }; "
                + "if kill -0 \"$pid\" 2>/dev/null && grep -q " + quote(JAR) + " /proc/\"$pid\"/cmdline 2>/dev/null;"
                + " then echo \"alive $pid\"; else echo \"dead $pid\"; fi";
    }

    /**
     * Stops the recorded agent and everything it started (it leads its own session and process
     * group), politely and then with SIGKILL; removes the pid file.
     */
    static String stop(String dir) {
        String w = quote(dir);
        return "pid=$(cat " + w + "/agent.pid 2>/dev/null) || exit 0; "
                + "kill -TERM -- -\"$pid\" 2>/dev/null || kill -TERM \"$pid\" 2>/dev/null; "
                + "i=0; while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; "
                + "kill -KILL -- -\"$pid\" 2>/dev/null; kill -KILL \"$pid\" 2>/dev/null; rm -f " + w
                + "/agent.pid; true";
    }

    /**
     * Starts the agent detached from the SSH session ({@code setsid}, output to {@code agent.log}),
     * handing it the token from this script's stdin through a pipe (printf is a shell builtin: the
     * token never appears in any process's argv). Leftovers of a killed agent's process group are
     * killed first. Prints the new pid once the agent has written it.
     */
    static String launch(String dir, String java, String agentName, int slots) {
        String w = quote(dir);
        StringBuilder cmd = new StringBuilder();
        cmd.append(quote(java));
        for (String option : AGENT_JVM_OPTIONS) {
            cmd.append(' ').append(option);
        }
        cmd.append(" -jar ").append(w).append('/').append(JAR);
        cmd.append(" --name ").append(quote(agentName));
        cmd.append(" --slots ").append(slots);
        cmd.append(" --work-dir ").append(w).append("/work");
        cmd.append(" --controller-port-file ").append(w).append("/controller.port");
        cmd.append(" --pid-file ").append(w).append("/agent.pid");
        return "set -e; umask 077; cd " + w + "; IFS= read -r token; "
                + "if old=$(cat agent.pid 2>/dev/null); then kill -KILL -- -\"$old\" 2>/dev/null || true; fi; "
                + "rm -f agent.pid; "
                + "printf '%s\\n' \"$token\" | setsid " + cmd + " >> agent.log 2>&1 & "
                + "child=$!; i=0; "
                + "while [ ! -s agent.pid ]; do "
                + "if ! kill -0 \"$child\" 2>/dev/null && [ ! -s agent.pid ]; then "
                + "echo 'the agent exited at once; the end of its log:' >&2; tail -n 20 agent.log >&2; exit 1; fi; "
                + "i=$((i+1)); if [ $i -gt 600 ]; then echo 'the agent did not start within 60 s' >&2; exit 1; fi; "
                + "sleep 0.1; done; cat agent.pid";
    }
}
