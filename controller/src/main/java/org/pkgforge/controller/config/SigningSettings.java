package org.pkgforge.controller.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which GPG key signs what, from the {@code signing:} section of controller.yaml. A key for a
 * bucket signs its packages (rpmsign) and its repository metadata ({@code repomd.xml.asc};
 * Debian {@code InRelease} and {@code Release.gpg}); a {@code bucket/platform} entry overrides the
 * bucket's. Without an entry nothing is signed. The keys live in {@code gnupgHome}, without a
 * passphrase (or with gpg-agent preset), as for any unattended signer.
 *
 * <pre>
 * signing:
 *   gnupgHome: /var/lib/pkgforge/gnupg
 *   keys:
 *     stable: 0x3AA5C34371567BD2
 *     stable/el9: releng@example.org
 * </pre>
 */
public record SigningSettings(String gnupgHome, Map<String, String> keys) {
    public SigningSettings {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        if (!keys.isEmpty() && (gnupgHome == null || gnupgHome.isBlank())) {
            throw new IllegalArgumentException("signing.gnupgHome is needed when signing.keys names a key");
        }
        for (var e : keys.entrySet()) {
            if (e.getValue() == null || !e.getValue().matches("[A-Za-z0-9@._+<> -]{1,200}")) {
                throw new IllegalArgumentException(
                        "signing.keys." + e.getKey() + ": not a GPG key id, fingerprint or address");
            }
        }
    }

    /** Who signs and with what: the key id and the GnuPG home holding it. */
    public record Key(Path gnupgHome, String id) {}

    public static SigningSettings none() {
        return new SigningSettings(null, null);
    }

    public Optional<Key> keyFor(String bucket, String platform) {
        String id = keys.getOrDefault(bucket + "/" + platform, keys.get(bucket));
        return Optional.ofNullable(id).map(k -> new Key(Path.of(gnupgHome), k));
    }
}
