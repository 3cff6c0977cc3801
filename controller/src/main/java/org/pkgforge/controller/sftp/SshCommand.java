package org.pkgforge.controller.sftp;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.CommandFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One exec request: the command line is split into words (no shell) and run by {@link SshCommands}. */
final class SshCommand extends AbstractCommandSupport {
    private static final Logger log = LoggerFactory.getLogger(SshCommand.class);

    private final ContextFactory contexts;

    interface ContextFactory {
        SshCommands.Context forUser(String user, PrintWriter out, OutputStream bytesOut);
    }

    SshCommand(String command, ContextFactory contexts) {
        super(command, null);
        this.contexts = contexts;
    }

    @Override
    public void run() {
        String user = getServerSession().getUsername();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(getErrorStream(), StandardCharsets.UTF_8), true);
        int code;
        try {
            List<String> words = CommandFactory.split(getCommand());
            code = SshCommands.run(contexts.forUser(user, out, getOutputStream()), err, words);
        } catch (RuntimeException e) {
            log.error("ssh command from {} failed: {}", user, getCommand().replaceAll("\\p{Cntrl}", "?"), e);
            err.println("internal error; see the controller log");
            code = 3;
        }
        out.flush();
        err.flush();
        onExit(code);
    }
}
