package org.pkgforge.submit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;

/**
 * The farm's SSH endpoint as the client sees it: one authenticated session (host key checked
 * against known_hosts, never trusted blindly), SFTP for the upload, exec for the commands.
 */
final class SshTransport implements AutoCloseable {
    private static final Duration CONNECT = Duration.ofSeconds(30);

    /** Where and as whom to connect. */
    record Endpoint(String host, int port, String user, Path identity, Path knownHosts) {}

    /** A refusal with the exit code the CLI documents. */
    static final class TransportException extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        TransportException(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }
    }

    /** Reports bytes as they are sent (the progress bar). */
    interface Progress {
        void sent(long bytes);
    }

    private final SshClient client;
    private final ClientSession session;

    private SshTransport(SshClient client, ClientSession session) {
        this.client = client;
        this.session = session;
    }

    static SshTransport open(Endpoint e) throws TransportException {
        if (!Files.isRegularFile(e.identity())) {
            throw new TransportException(
                    PkgforgeCli.EXIT_CONFIG, "no SSH key at " + e.identity() + "; use --identity FILE", null);
        }
        if (!Files.isRegularFile(e.knownHosts())) {
            throw new TransportException(
                    PkgforgeCli.EXIT_CONFIG,
                    "no known_hosts file at " + e.knownHosts() + "; add the farm's host key (ssh-keyscan -p " + e.port()
                            + " " + e.host() + ") or use --known-hosts FILE",
                    null);
        }
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(
                new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, e.knownHosts()));
        client.start();
        ClientSession session = null;
        try {
            session =
                    client.connect(e.user(), e.host(), e.port()).verify(CONNECT).getSession();
            for (KeyPair kp : new FileKeyPairProvider(e.identity()).loadKeys(null)) {
                session.addPublicKeyIdentity(kp);
            }
            try {
                session.auth().verify(CONNECT);
            } catch (SshException auth) {
                if (hostKeyRejected(auth)) {
                    throw hostKeyMismatch(e, auth);
                }
                throw new TransportException(
                        PkgforgeCli.EXIT_AUTH,
                        "the farm refused key " + e.identity() + " for user " + e.user() + " (" + firstLine(auth) + ")",
                        auth);
            }
            return new SshTransport(client, session);
        } catch (TransportException te) {
            close(client, session);
            throw te;
        } catch (IOException | RuntimeException ex) {
            close(client, session);
            if (hostKeyRejected(ex)) {
                throw hostKeyMismatch(e, ex);
            }
            throw new TransportException(
                    PkgforgeCli.EXIT_SERVER,
                    "cannot reach the farm at " + e.host() + ":" + e.port() + " (" + firstLine(ex) + ")",
                    ex);
        }
    }

    private static boolean hostKeyRejected(Throwable t) {
        return t.getMessage() != null && t.getMessage().contains("Server key did not validate");
    }

    private static TransportException hostKeyMismatch(Endpoint e, Throwable cause) {
        return new TransportException(
                PkgforgeCli.EXIT_AUTH,
                "the farm's host key is not the one " + e.knownHosts() + " holds for " + e.host() + ":" + e.port()
                        + "; not connecting",
                cause);
    }

    /** Uploads into {@code <id>/}: the packages first, build.yml last, so an interrupted upload is incomplete. */
    void upload(String id, Path buildYml, List<Path> files, Progress progress) throws IOException {
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            try {
                sftp.mkdir(id);
            } catch (SftpException exists) {
                // left by an interrupted attempt with the same id: its files are overwritten
            }
            long sent = 0;
            for (Path f : files) {
                sent = put(sftp, f, id + "/" + f.getFileName(), sent, progress);
            }
            put(sftp, buildYml, id + "/build.yml", sent, progress);
        }
    }

    private static long put(SftpClient sftp, Path local, String remote, long sent, Progress progress)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(local);
                OutputStream out = sftp.write(remote)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                sent += n;
                progress.sent(sent);
            }
        }
        return sent;
    }

    /** Runs one farm command; its output goes to {@code out}/{@code err} as it comes. Returns the exit status. */
    int exec(String command, OutputStream out, OutputStream err, Duration timeout) throws IOException {
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(CONNECT);
            var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("no answer from the farm within " + timeout);
            }
            Integer status = channel.getExitStatus();
            return status == null ? PkgforgeCli.EXIT_SERVER : status;
        }
    }

    /** Runs a command and returns what it printed (stripped), or throws with its error text. */
    String call(String command) throws IOException, TransportException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = exec(command, out, err, CONNECT);
        if (status != 0) {
            throw new TransportException(
                    status, Terminal.strip(err.toString(StandardCharsets.UTF_8)).strip(), null);
        }
        return Terminal.strip(out.toString(StandardCharsets.UTF_8));
    }

    static boolean isConnectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SshException || t instanceof ConnectException || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static void close(SshClient client, ClientSession session) {
        try {
            if (session != null) {
                session.close(true);
            }
        } finally {
            client.stop();
        }
    }

    @Override
    public void close() {
        close(client, session);
    }
}
