package org.pkgforge.protocol.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DscReaderTest {
    @TempDir
    Path dir;

    private static final String TARBALL = "hello-farm_1.0.tar.xz";

    /** A .dsc as dpkg-source writes it, for {@code content} as the tarball. */
    private Path dsc(String fileName, byte[] content) throws Exception {
        Files.write(dir.resolve(TARBALL), content);
        Checksums.FileDigest d = Checksums.digest(dir.resolve(TARBALL));
        String text = String.join(
                "\n",
                "Format: 3.0 (native)",
                "Source: hello-farm",
                "Binary: hello-farm, hello-farm-doc",
                "Architecture: all",
                "Version: 1:1.0",
                "Build-Depends: debhelper-compat (= 13)",
                "Checksums-Sha256:",
                " " + d.sha256() + " " + d.size() + " " + fileName,
                "Files:",
                " 267288548e91dd2014c8525761de1a7e " + d.size() + " " + fileName,
                "");
        return Files.writeString(dir.resolve("hello-farm_1.0.dsc"), text, UTF_8);
    }

    @Test
    void readsTheFieldsAndVerifiesTheListedFiles() throws Exception {
        DscReader.DscInfo info = DscReader.validate(dsc(TARBALL, new byte[] {1, 2, 3}));

        assertThat(info.source()).isEqualTo("hello-farm");
        assertThat(info.version()).isEqualTo("1:1.0");
        assertThat(info.binaries()).containsExactly("hello-farm", "hello-farm-doc");
        assertThat(info.architecture()).containsExactly("all");
        assertThat(info.buildDepends()).isEqualTo("debhelper-compat (= 13)");
        assertThat(info.files()).extracting(DscReader.DscFile::name).containsExactly(TARBALL);
    }

    @Test
    void aPathInTheFileListIsRefused() throws Exception {
        Path dsc = dsc("../../etc/passwd", new byte[] {1});

        assertThatThrownBy(() -> DscReader.validate(dsc))
                .isInstanceOf(JobFormatException.class)
                .hasMessageContaining("must be a bare file name");
    }

    @Test
    void aHiddenNameIsRefused() throws Exception {
        Path dsc = dsc(".hidden.tar.xz", new byte[] {1});

        assertThatThrownBy(() -> DscReader.validate(dsc)).hasMessageContaining("must not start with '.'");
    }

    @Test
    void aDamagedOrMissingListedFileIsRefused() throws Exception {
        Path dsc = dsc(TARBALL, new byte[] {1, 2, 3});
        Files.write(dir.resolve(TARBALL), new byte[] {1, 2, 4});

        assertThatThrownBy(() -> DscReader.validate(dsc)).hasMessageContaining("does not match its size and SHA-256");

        Files.delete(dir.resolve(TARBALL));
        assertThatThrownBy(() -> DscReader.validate(dsc)).hasMessageContaining("is missing");
    }

    @Test
    void missingFieldsAndBadNamesAreRefused() {
        assertThatThrownBy(() -> DscReader.parse("Format: 3.0 (native)\nVersion: 1\n", "x.dsc"))
                .hasMessage("x.dsc: the source field is missing");
        assertThatThrownBy(() -> DscReader.parse(
                        "Format: 1.0\nSource: ../evil\nVersion: 1\nChecksums-Sha256:\n " + "a".repeat(64)
                                + " 1 f.tar.gz\n",
                        "x.dsc"))
                .hasMessageContaining("invalid Source");
        assertThatThrownBy(() -> DscReader.parse("Format: 1.0\nSource: ok\nVersion: 1\n", "x.dsc"))
                .hasMessage("x.dsc: the checksums-sha256 field is missing");
    }

    @Test
    void aClearsignedDscIsReadInsideItsArmour() throws Exception {
        String body = "Format: 3.0 (native)\nSource: sx\nVersion: 2\nChecksums-Sha256:\n " + "b".repeat(64)
                + " 5 sx_2.tar.xz\n";
        String signed = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n" + body
                + "\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n";

        assertThat(DscReader.parse(signed, "sx_2.dsc").source()).isEqualTo("sx");
    }
}
