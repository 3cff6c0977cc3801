package org.pkgforge.controller.testing.ssh;

import java.io.IOException;
import java.util.List;

/** What a test needs from a build host's SSH server, whichever implementation runs it. */
public interface SshHostFixture extends AutoCloseable {
    int port();

    /** The login name the server accepts. */
    String user();

    /** {@code ssh-ed25519 AAAA...}, the line to pin. */
    String hostPublicKey();

    /** {@code SHA256:...} as {@code ssh-keygen -lf} prints it. */
    String hostKeyFingerprint();

    /** {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...} for a known_hosts file. */
    String knownHostsLine();

    void setAuthorizedKeys(List<String> keys) throws IOException;

    /** New host key, same port: clients with the old key pinned must refuse. */
    void replaceHostKey() throws IOException;

    /** Cuts every established SSH connection; new connections are still accepted. */
    void dropConnections();

    @Override
    void close() throws IOException;
}
