package org.pkgforge.protocol.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-1 (what the original's manifests carry) and SHA-256 (what the agents verify) of files. */
public final class Checksums {
    // Large reads: one pass over a 10 MB package is then a few hundred system calls.
    private static final int BUFFER = 256 * 1024;

    /** Size and both digests of one file, read once. Digests are lowercase hex. */
    public record FileDigest(long size, String sha1, String sha256) {}

    /** Bytes {@code [from, to)} of a file, to be digested with {@code algorithm} during the same read. */
    public record Range(long from, long to, String algorithm) {}

    /**
     * What one read of a file produced: the whole file's size and digests, and one lowercase hex
     * digest per requested range, in request order ({@code null} where the file ended first).
     */
    public record Pass(FileDigest file, List<String> ranges) {}

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
        OpenOption[] open = Stream.concat(Stream.of(StandardOpenOption.READ), Arrays.stream(options))
                .toArray(OpenOption[]::new);
        try (FileChannel channel = FileChannel.open(file, open)) {
            return digest(channel, List.of()).file();
        }
    }

    /**
     * Reads the channel from its start to its end once, feeding every byte to the whole-file
     * digests and to the digest of each range that holds it. Positional reads: the channel's
     * position is neither used nor changed.
     */
    public static Pass digest(FileChannel channel, List<Range> ranges) throws IOException {
        MessageDigest sha1 = newDigest("SHA-1");
        MessageDigest sha256 = newDigest("SHA-256");
        List<MessageDigest> partial = new ArrayList<>(ranges.size());
        for (Range r : ranges) {
            partial.add(newDigest(r.algorithm()));
        }
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        byte[] bytes = buffer.array();
        long position = 0;
        for (int n = channel.read(buffer, position); n >= 0; n = channel.read(buffer.clear(), position)) {
            sha1.update(bytes, 0, n);
            sha256.update(bytes, 0, n);
            for (int i = 0; i < ranges.size(); i++) {
                Range r = ranges.get(i);
                long from = Math.max(r.from(), position);
                long to = Math.min(r.to(), position + n);
                if (from < to) {
                    partial.get(i).update(bytes, (int) (from - position), (int) (to - from));
                }
            }
            position += n;
        }
        HexFormat hex = HexFormat.of();
        List<String> rangeDigests = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            rangeDigests.add(
                    ranges.get(i).to() <= position
                            ? hex.formatHex(partial.get(i).digest())
                            : null);
        }
        FileDigest file = new FileDigest(position, hex.formatHex(sha1.digest()), hex.formatHex(sha256.digest()));
        return new Pass(file, rangeDigests);
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
