package org.pkgforge.controller.testing.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pkgforge.controller.host.HostCommand;

/** Key files for SSH tests, made by the real {@code ssh-keygen} so they are what an admin would have. */
public final class SshKeys {
    private static final Duration KEYGEN_TIMEOUT = Duration.ofSeconds(30);

    private SshKeys() {}

    /** An ed25519 key pair on disk: the private key file (mode 0600) and its OpenSSH public key line. */
    public record KeyFiles(Path privateKey, String publicKey) {
        public Path publicKeyFile() {
            return SshKeys.publicKeyFile(privateKey);
        }
    }

    /** Where ssh-keygen put the public half of {@code privateKey}. */
    public static Path publicKeyFile(Path privateKey) {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    /** Generates {@code dir/name} and {@code dir/name.pub}, replacing any earlier pair of that name. */
    public static KeyFiles generateEd25519(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.resolve(name);
        Files.deleteIfExists(key);
        Files.deleteIfExists(key.resolveSibling(name + ".pub"));
        HostCommand.run(
                List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()),
                dir,
                KEYGEN_TIMEOUT);
        return new KeyFiles(key, withoutComment(Files.readString(key.resolveSibling(name + ".pub"))));
    }

    /** The SHA256 fingerprint exactly as {@code ssh-keygen -lf} prints it ({@code SHA256:...}). */
    public static String fingerprint(Path publicKeyFile) throws IOException {
        String out = HostCommand.run(
                        List.of("ssh-keygen", "-l", "-E", "sha256", "-f", publicKeyFile.toString()),
                        publicKeyFile.getParent(),
                        KEYGEN_TIMEOUT)
                .strip();
        // "256 SHA256:abc... comment (ED25519)"
        String[] fields = out.split("\\s+");
        if (fields.length < 2 || !fields[1].startsWith("SHA256:")) {
            throw new IOException("unexpected ssh-keygen -l output: " + out);
        }
        return fields[1];
    }

    /** "type base64" of an OpenSSH public key line, dropping the comment so lines compare by key. */
    public static String withoutComment(String publicKeyLine) {
        String[] fields = publicKeyLine.strip().split("\\s+");
        if (fields.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key line: " + publicKeyLine);
        }
        return fields[0] + " " + fields[1];
    }

    /** A known_hosts line pinning {@code publicKey} for 127.0.0.1 on {@code port}, as OpenSSH writes it. */
    public static String knownHostsLine(int port, String publicKey) {
        return "[127.0.0.1]:" + port + " " + withoutComment(publicKey);
    }
}
