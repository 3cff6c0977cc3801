package org.pkgforge.controller.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * Runs POSIX shell scripts on a build host over an SSH exec channel. The script always runs under
 * {@code sh -c}, whatever the build user's login shell; secrets go to its stdin, never into the
 * command line.
 */
public final class RemoteShell {
    /** How a remote command ended. */
    public record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        /** stderr, else stdout, trimmed: what to show an admin when the command failed. */
        public String message() {
            String text = err.isBlank() ? out : err;
            return text.strip();
        }
    }

    private final ClientSession session;
    private final Duration timeout;

    public RemoteShell(ClientSession session, Duration timeout) {
        this.session = session;
        this.timeout = timeout;
    }

    public Result run(String script) throws IOException {
        return run(script, null);
    }

    /** Runs {@code script}; {@code stdin}, when given, is written and then closed (EOF). */
    public Result run(String script, byte[] stdin) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel("sh -c " + quote(script))) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(timeout);
            try (OutputStream in = channel.getInvertedIn()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("remote command did not finish within " + timeout);
            }
            Integer exit = channel.getExitStatus();
            return new Result(
                    exit == null ? -1 : exit,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Single-quotes a word for sh; refuses what a shell word cannot carry safely. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in a shell word");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
