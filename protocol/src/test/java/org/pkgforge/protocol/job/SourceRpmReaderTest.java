package org.pkgforge.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRpmReaderTest {
    @TempDir
    static Path rpms;

    static Path hello;
    static Path archy;
    static Path binary;
    static Path zstd;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildRpms() throws Exception {
        hello = TestRpms.helloSrpm(rpms.resolve("out"));
        archy = TestRpms.archSrpm(rpms, rpms.resolve("out"));
        binary = TestRpms.binaryRpm(hello, rpms);
        zstd = TestRpms.repackSrpm(hello, rpms, "w19.zstdio");
    }

    @Test
    void readsTheSampleSrpm() throws Exception {
        SourceRpmInfo info = SourceRpmReader.read(hello);

        assertThat(info.name()).isEqualTo("hello");
        assertThat(info.version()).isEqualTo("1.0");
        assertThat(info.release()).isEqualTo("1");
        assertThat(info.epoch()).isNull();
        assertThat(info.buildRequires()).containsExactly("gcc", "make");
        assertThat(info.exclusiveArch()).isEmpty();
        assertThat(info.excludeArch()).isEmpty();
        assertThat(info.buildArchs()).isEmpty();
    }

    @Test
    void readsArchRestrictionsEpochAndVersionedRequires() throws Exception {
        SourceRpmInfo info = SourceRpmReader.read(archy);

        assertThat(info.nevr()).isEqualTo("archy-2:1.0-3");
        assertThat(info.exclusiveArch()).containsExactly("x86_64", "aarch64");
        assertThat(info.excludeArch()).containsExactly("s390x");
        assertThat(info.buildRequires()).containsExactlyInAnyOrder("gcc", "make", "libfarm-devel >= 1.0");
    }

    @Test
    void readsZstdPayloadSrpmsWithoutANativeLibrary() throws Exception {
        assertThat(Files.mismatch(zstd, hello)).isNotEqualTo(-1L);

        assertThat(SourceRpmReader.read(zstd).nevr()).isEqualTo("hello-1.0-1");
    }

    @Test
    void refusesABinaryRpm() {
        assertThatThrownBy(() -> SourceRpmReader.read(binary))
                .isInstanceOf(JobFormatException.class)
                .hasMessage(binary.getFileName() + ": a binary RPM, not a source RPM");
    }

    @Test
    void refusesABinaryRpmRenamedToLookLikeASource() throws IOException {
        Path renamed = Files.copy(binary, dir.resolve("hello-1.0-1.src.rpm"));

        assertThatThrownBy(() -> SourceRpmReader.read(renamed))
                .hasMessage("hello-1.0-1.src.rpm: a binary RPM, not a source RPM");
    }

    @Test
    void refusesATextFile() throws IOException {
        Path text = Files.writeString(dir.resolve("x.src.rpm"), "root:x:0:0:root:/root:/bin/bash\n");

        assertThatThrownBy(() -> SourceRpmReader.read(text)).hasMessage("x.src.rpm: not an RPM file (bad magic)");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("e.src.rpm"));

        assertThatThrownBy(() -> SourceRpmReader.read(empty)).hasMessage("e.src.rpm: not an RPM file (empty)");
    }

    @Test
    void refusesTruncatedFiles() throws IOException {
        byte[] bytes = Files.readAllBytes(hello);
        Path inPayload = Files.write(dir.resolve("p.src.rpm"), Arrays.copyOf(bytes, bytes.length - 100));
        Path inHeader = Files.write(dir.resolve("h.src.rpm"), Arrays.copyOf(bytes, 300));
        Path inLead = Files.write(dir.resolve("l.src.rpm"), Arrays.copyOf(bytes, 50));

        assertThatThrownBy(() -> SourceRpmReader.read(inPayload)).hasMessageStartingWith("p.src.rpm: truncated");
        assertThatThrownBy(() -> SourceRpmReader.read(inHeader))
                .hasMessage("h.src.rpm: truncated (the file ends inside the signature header)");
        assertThatThrownBy(() -> SourceRpmReader.read(inLead))
                .hasMessage("l.src.rpm: truncated (the file ends inside the RPM lead)");
    }

    @Test
    void refusesACorruptedPayload() throws IOException {
        Path copy = Files.copy(hello, dir.resolve("c.src.rpm"));
        flipByte(copy, Files.size(copy) - 10);

        assertThatThrownBy(() -> SourceRpmReader.read(copy))
                .hasMessageStartingWith("c.src.rpm: corrupt RPM (payload SHA-256 digest mismatch");
    }

    @Test
    void refusesACorruptedHeader() throws IOException {
        Path copy = Files.copy(hello, dir.resolve("c.src.rpm"));
        // The last byte of the main header's data store: inside a string, so the header still
        // parses, and only the signature's SHA-256 of the header notices.
        flipByte(copy, mainHeaderEnd(copy) - 2);

        assertThatThrownBy(() -> SourceRpmReader.read(copy))
                .hasMessageStartingWith("c.src.rpm: corrupt RPM (header SHA-256 digest mismatch");
    }

    @Test
    void refusesHeadersThatClaimHugeSizesWithoutAllocating() throws IOException {
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(hello), 200);
        // Signature header intro at 96: magic(4) reserved(4) entries(4) store(4).
        ByteBuffer.wrap(bytes).putInt(96 + 8, 0x7fffffff).putInt(96 + 12, 0x7fffffff);
        Path crafted = Files.write(dir.resolve("big.src.rpm"), bytes);

        assertThatThrownBy(() -> SourceRpmReader.read(crafted))
                .hasMessage("big.src.rpm: corrupt RPM (signature header claims 2147483647 entries"
                        + " and 2147483647 bytes of data)");
    }

    @Test
    void refusesAWrongSuffixAndSymlinks() throws IOException {
        Path renamed = Files.copy(hello, dir.resolve("hello.rpm"));
        assertThatThrownBy(() -> SourceRpmReader.read(renamed))
                .hasMessage("hello.rpm: a source RPM's file name must end in .src.rpm");

        Path link = Files.createSymbolicLink(dir.resolve("link.src.rpm"), hello);
        assertThatThrownBy(() -> SourceRpmReader.read(link))
                .hasMessage("link.src.rpm: a symbolic link, not a regular file");
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> SourceRpmReader.read(dir.resolve("gone.src.rpm")))
                .hasMessage("gone.src.rpm: no such file");
    }

    private static long mainHeaderEnd(Path rpm) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(rpm));
        long sigEnd = 96 + 16 + 16L * b.getInt(96 + 8) + b.getInt(96 + 12);
        int main = (int) ((sigEnd + 7) & ~7L);
        return main + 16 + 16L * b.getInt(main + 8) + b.getInt(main + 12);
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0xff);
        }
    }
}
