package org.pkgforge.protocol.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-1 (what the original's manifests carry) and SHA-256 (what the agents verify) of files. */
public final class Checksums {
    private static final int BUFFER = 64 * 1024;

    /** Size and both digests of one file, read once. Digests are lowercase hex. */
    public record FileDigest(long size, String sha1, String sha256) {}

    private Checksums() {}

    public static String sha1Hex(Path file) throws IOException {
        return digest(file).sha1();
    }

    public static String sha256Hex(Path file) throws IOException {
        return digest(file).sha256();
    }

    /** SHA-256 of bytes in memory (secrets, small payloads), lowercase hex. */
    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(newDigest("SHA-256").digest(data));
    }

    /**
     * Reads the file once for both digests. With {@link LinkOption#NOFOLLOW_LINKS} a symbolic link
     * fails to open (ELOOP) instead of being followed, closing the gap between "is it a link?" and
     * reading it.
     */
    public static FileDigest digest(Path file, LinkOption... options) throws IOException {
        MessageDigest sha1 = newDigest("SHA-1");
        MessageDigest sha256 = newDigest("SHA-256");
        long size = 0;
        try (InputStream in = Files.newInputStream(file, options)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha1.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
                size += n;
            }
        }
        HexFormat hex = HexFormat.of();
        return new FileDigest(size, hex.formatHex(sha1.digest()), hex.formatHex(sha256.digest()));
    }

    static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 and SHA-256 (and MD5); see MessageDigest's javadoc.
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }
}
