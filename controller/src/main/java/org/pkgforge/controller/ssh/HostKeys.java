package org.pkgforge.controller.ssh;

import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/** Host keys as the registry keeps them: one OpenSSH public key line, compared as keys, not text. */
public final class HostKeys {
    private HostKeys() {}

    /** Parses {@code "ssh-ed25519 AAAA… [comment]"}; a clear message when it is not a key. */
    public static PublicKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("empty host key");
        }
        try {
            PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line.strip())
                    .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
            if (key == null) {
                throw new IllegalArgumentException("unsupported key type in '" + abbreviate(line) + "'");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an OpenSSH public key: '" + abbreviate(line) + "'", e);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "not an OpenSSH public key: '" + abbreviate(line) + "' (" + e.getMessage() + ")", e);
        }
    }

    /** The canonical line without a comment, as stored in the registry. */
    public static String line(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** {@code SHA256:…}, exactly as {@code ssh-keygen -lf} prints it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    public static String fingerprint(String line) {
        return fingerprint(parse(line));
    }

    public static boolean same(PublicKey a, PublicKey b) {
        return KeyUtils.compareKeys(a, b);
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("[\\p{Cntrl}]", "?");
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }
}
