package org.pkgforge.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
    @TempDir
    Path dir;

    @Test
    void onePassGivesTheWholeFileAndEachRangeAsSeparateReadsWould() throws Exception {
        // Larger than the read buffer, so ranges start and end inside and across reads.
        byte[] data = new byte[700_001];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("data"), data);
        List<Checksums.Range> ranges = List.of(
                new Checksums.Range(96, 5000, "SHA-256"),
                new Checksums.Range(5000, data.length, "MD5"),
                new Checksums.Range(262_000, 262_200, "SHA-1"),
                new Checksums.Range(10, data.length + 1, "SHA-256"));

        Checksums.Pass pass;
        try (FileChannel channel = FileChannel.open(file)) {
            pass = Checksums.digest(channel, ranges);
        }

        assertThat(pass.file().size()).isEqualTo(data.length);
        assertThat(pass.file().sha1()).isEqualTo(hex("SHA-1", data, 0, data.length));
        assertThat(pass.file().sha256()).isEqualTo(hex("SHA-256", data, 0, data.length));
        assertThat(pass.ranges())
                .containsExactly(
                        hex("SHA-256", data, 96, 5000),
                        hex("MD5", data, 5000, data.length),
                        hex("SHA-1", data, 262_000, 262_200),
                        null); // the file ends before that range does
        assertThat(Checksums.digest(file)).isEqualTo(pass.file());
    }

    private static String hex(String algorithm, byte[] data, int from, int to) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance(algorithm).digest(Arrays.copyOfRange(data, from, to)));
    }
}
