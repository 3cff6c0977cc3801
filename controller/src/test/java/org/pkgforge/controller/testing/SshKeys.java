package org.pkgforge.controller.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pkgforge.controller.host.HostCommand;

/** Real key pairs from the real ssh-keygen, as users make them. */
public final class SshKeys {
    private SshKeys() {}

    /** Writes {@code dir/name} (private, mode 0600) and {@code dir/name.pub}; returns the private key's path. */
    public static Path ed25519(Path dir, String name) throws IOException {
        Path key = dir.resolve(name);
        HostCommand.run(
                List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@test", "-f", key.toString()),
                dir,
                Duration.ofSeconds(30));
        return key;
    }

    public static Path publicKey(Path privateKey) {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    /** The fingerprint as ssh-keygen prints it ("SHA256:..."). */
    public static String fingerprint(Path privateKey) throws IOException {
        String out = HostCommand.run(
                List.of("ssh-keygen", "-lf", publicKey(privateKey).toString()),
                privateKey.getParent(),
                Duration.ofSeconds(30));
        return out.split("\\s+")[1];
    }
}
