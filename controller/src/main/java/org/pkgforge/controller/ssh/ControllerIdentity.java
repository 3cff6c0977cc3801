package org.pkgforge.controller.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The controller's own SSH key pair (ed25519), created on first start in its state directory with
 * mode 0600. Its public key is what admins put in the build user's {@code authorized_keys}.
 */
public final class ControllerIdentity {
    private final KeyPair keyPair;
    private final Path privateKeyFile;

    private ControllerIdentity(KeyPair keyPair, Path privateKeyFile) {
        this.keyPair = keyPair;
        this.privateKeyFile = privateKeyFile;
    }

    /** Loads {@code file} (OpenSSH format), creating it and {@code file.pub} if it does not exist. */
    public static ControllerIdentity loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("no key pair in " + file);
            }
            return new ControllerIdentity(it.next(), file);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the controller's SSH key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        KeyPair pair;
        try {
            pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an ed25519 key (is BouncyCastle on the classpath?)", e);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(tmp)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "pkgforge-controller", null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the controller's SSH key", e);
        }
        Files.writeString(
                file.resolveSibling(file.getFileName() + ".pub"),
                HostKeys.line(pair.getPublic()) + " pkgforge-controller\n",
                StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** The line to append to {@code ~/.ssh/authorized_keys} on every build host. */
    public String authorizedKeysLine() {
        return HostKeys.line(keyPair.getPublic()) + " pkgforge-controller";
    }

    public Path file() {
        return privateKeyFile;
    }
}
