package org.pkgforge.controller.testing.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * MINA's own {@link SshServer} on 127.0.0.1 (ephemeral port): the second, in-process kind of build
 * host. Public key logins for one user name; exec requests run through {@code /bin/sh -c} in the
 * user's home ({@code dir/home/USER}), so a launched command can start a detached process with
 * {@code setsid}; SFTP on the real file system; TCP forwarding (including {@code -R}) allowed.
 */
public final class MinaSshServerFixture implements SshHostFixture {
    private final SshServer server;
    private final String user;
    private final Path home;
    private final AtomicReference<KeyPair> hostKey;
    private final List<PublicKey> authorized = Collections.synchronizedList(new ArrayList<>());

    private MinaSshServerFixture(SshServer server, String user, Path home, KeyPair hostKey) {
        this.server = server;
        this.user = user;
        this.home = home;
        this.hostKey = new AtomicReference<>(hostKey);
    }

    /** Starts a server for the current user name, accepting the given OpenSSH public key lines. */
    public static MinaSshServerFixture start(Path dir, List<String> authorizedKeys) throws IOException {
        return start(dir, authorizedKeys, System.getProperty("user.name"));
    }

    /** As {@link #start(Path, List)}, for another login name (commands still run as the test's user). */
    public static MinaSshServerFixture start(Path dir, List<String> authorizedKeys, String user) throws IOException {
        Path home = dir.resolve("home").resolve(user);
        Files.createDirectories(home);
        if (home.toString().contains("'")) {
            throw new IllegalArgumentException("fixture directory must not contain a quote: " + home);
        }
        SshServer server = SshServer.setUpDefaultServer();
        MinaSshServerFixture f = new MinaSshServerFixture(server, user, home, newHostKey());
        f.setAuthorizedKeys(authorizedKeys);
        server.setHost("127.0.0.1");
        server.setPort(0);
        // Read per key exchange, so replaceHostKey() takes effect for the next connection.
        server.setKeyPairProvider(session -> List.of(f.hostKey.get()));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((name, key, session) -> f.user.equals(name) && f.isAuthorized(key));
        server.setCommandFactory(f::execCommand);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        NativeFileSystemFactory files = new NativeFileSystemFactory();
        files.setUsersHomeDir(dir.resolve("home").toString());
        server.setFileSystemFactory(files);
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.start();
        return f;
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public String user() {
        return user;
    }

    /** Where relative SFTP paths and exec commands start. */
    public Path home() {
        return home;
    }

    /** The host's public key as {@code ssh-ed25519 AAAA...}. */
    @Override
    public String hostPublicKey() {
        return PublicKeyEntry.toString(hostKey.get().getPublic());
    }

    /** {@code SHA256:...}, the same string {@code ssh-keygen -lf} prints. */
    @Override
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey.get().getPublic());
    }

    @Override
    public String knownHostsLine() {
        return SshKeys.knownHostsLine(port(), hostPublicKey());
    }

    /** A new host key for every later connection, on the same port (no restart needed). */
    @Override
    public void replaceHostKey() {
        hostKey.set(newHostKey());
    }

    @Override
    public void setAuthorizedKeys(List<String> keys) {
        List<PublicKey> parsed = new ArrayList<>();
        for (String line : keys) {
            try {
                parsed.add(AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip())
                        .resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.FAILING));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("not an OpenSSH public key: " + line, e);
            }
        }
        synchronized (authorized) {
            authorized.clear();
            authorized.addAll(parsed);
        }
    }

    /** Closes every SSH session at once, as a dropped connection would; the server keeps listening. */
    @Override
    public void dropConnections() {
        for (AbstractSession s : server.getActiveSessions()) {
            s.close(true);
        }
    }

    public int activeSessions() {
        return server.getActiveSessions().size();
    }

    public void stop() throws IOException {
        server.stop(true);
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private boolean isAuthorized(PublicKey key) {
        synchronized (authorized) {
            return authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
        }
    }

    private org.apache.sshd.server.command.Command execCommand(
            org.apache.sshd.server.channel.ChannelSession channel, String command) throws IOException {
        // ProcessShellFactory runs the raw string through /bin/sh -c; start it where sshd would (home).
        String inHome = "cd '" + home + "' && HOME='" + home + "' && export HOME && " + command;
        return new ProcessShellFactory(inHome, CommandFactory.split(inHome)).createShell(channel);
    }

    private static KeyPair newHostKey() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot generate an ed25519 host key (is BouncyCastle on the classpath?)", e);
        }
    }
}
