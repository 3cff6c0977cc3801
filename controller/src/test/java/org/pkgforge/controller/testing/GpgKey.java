package org.pkgforge.controller.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.pkgforge.controller.config.SigningSettings;
import org.pkgforge.controller.host.HostCommand;

/** A real GPG signing key without a passphrase in its own GnuPG home, made by gpg itself. */
public record GpgKey(Path home, String fingerprint, Path publicKey, Path publicKeyring) {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    public static GpgKey generate(Path dir, String uid) throws IOException {
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        gpg(home, "--passphrase", "", "--quick-gen-key", uid, "rsa2048", "sign", "never");
        String listing = gpg(home, "--with-colons", "--list-secret-keys", uid);
        String fingerprint = listing.lines()
                .filter(l -> l.startsWith("fpr:"))
                .findFirst()
                .map(l -> l.split(":")[9])
                .orElseThrow(() -> new IOException("gpg listed no fingerprint: " + listing));
        Path armored = dir.resolve("public.asc");
        gpg(home, "--armor", "--output", armored.toString(), "--export", fingerprint);
        Path keyring = dir.resolve("public.gpg");
        gpg(home, "--output", keyring.toString(), "--export", fingerprint);
        return new GpgKey(home, fingerprint, armored, keyring);
    }

    public SigningSettings.Key signingKey() {
        return new SigningSettings.Key(home, fingerprint);
    }

    /** gpgv's verdict on a signature (detached, or inline when {@code data} is null). */
    public String verify(Path signature, Path data) throws IOException {
        return HostCommand.run(
                data == null
                        ? List.of("gpgv", "--keyring", publicKeyring.toString(), signature.toString())
                        : List.of("gpgv", "--keyring", publicKeyring.toString(), signature.toString(), data.toString()),
                signature.getParent(),
                TIMEOUT);
    }

    private static String gpg(Path home, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("gpg", "--batch", "--homedir", home.toString()));
        command.addAll(List.of(args));
        return HostCommand.run(command, home, TIMEOUT);
    }
}
