package org.pkgforge.controller.users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.pkgforge.controller.jobs.Failure;

/** SSH public keys as users hand them in: one authorized_keys line, or a {@code .pub} file holding one. */
public final class PublicKeys {
    private static final int MIN_RSA_BITS = 2048;

    /** A parsed key in the form the registry stores. */
    public record ParsedKey(String algorithm, String publicKey, String fingerprint, String comment) {}

    private PublicKeys() {}

    /** {@code value} is either the key itself ("ssh-ed25519 AAAA... comment") or a file holding it. */
    public static ParsedKey fromArgument(String value) throws Failure {
        String text = value.strip();
        if (!looksLikeKey(text)) {
            Path file = Path.of(value);
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new Failure(Failure.USAGE, "cannot read key file " + file + ": " + e.getMessage(), e);
            }
        }
        if (text.contains("PRIVATE KEY")) {
            throw new Failure(Failure.USAGE, "this is a private key; give the public one (the .pub file)");
        }
        List<String> lines = text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        if (lines.size() != 1) {
            throw new Failure(
                    Failure.USAGE, "expected exactly one public key (an authorized_keys line), found " + lines.size());
        }
        return parse(lines.get(0));
    }

    public static ParsedKey parse(String line) throws Failure {
        PublicKey key;
        String comment;
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
            if (entry == null) {
                throw new Failure(Failure.USAGE, "no public key found");
            }
            key = entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            comment = entry.getComment();
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            throw new Failure(Failure.USAGE, "not a valid SSH public key: " + e.getMessage(), e);
        }
        String algorithm = KeyUtils.getKeyType(key);
        if (KeyUtils.DSS_ALGORITHM.equals(key.getAlgorithm())) {
            throw new Failure(Failure.USAGE, "DSA keys are not accepted; use ssh-ed25519");
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new Failure(
                    Failure.USAGE,
                    "RSA key of " + rsa.getModulus().bitLength() + " bits is too weak; use ssh-ed25519 or RSA >= "
                            + MIN_RSA_BITS);
        }
        return new ParsedKey(algorithm, PublicKeyEntry.toString(key), fingerprint(key), emptyToNull(comment));
    }

    /** The SHA-256 fingerprint, formatted exactly as {@code ssh-keygen -lf} prints it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    private static boolean looksLikeKey(String text) {
        return text.startsWith("ssh-") || text.startsWith("ecdsa-") || text.startsWith("sk-");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
