package org.pkgforge.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCodecTest {
    private static final String SHA1 = "a946cfbff95f9797da99dc24a8d0f3707db9a0c2";
    private static final String SHA256 = "6d43991f90d933050193fdd27c8457216d1b116edc7fc0c413d052bdc777bf11";

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryField() throws Exception {
        JobManifest manifest = new JobManifest(
                "0123",
                "devel",
                List.of("auto", "!el7"),
                List.of("x86_64"),
                List.of(
                        new ManifestPackage("SRPM", "hello-1.0-1.src.rpm", 9735, SHA1, SHA256),
                        new ManifestPackage("SRPM", "old-2-1.src.rpm", 12, SHA1, null)),
                List.of("dev@example.org"),
                "alice",
                1_700_000_000L);
        Path file = dir.resolve("build.yml");

        ManifestCodec.write(manifest, file);

        assertThat(ManifestCodec.read(file)).isEqualTo(manifest);
        assertThat(manifest.size()).isEqualTo(9747);
    }

    @Test
    void writesSortedKeysAndOmitsAbsentValues() throws Exception {
        JobManifest manifest = new JobManifest(
                "job1",
                "devel",
                List.of("auto"),
                List.of("all"),
                List.of(new ManifestPackage("SRPM", "a.src.rpm", 1, SHA1, null)),
                List.of(),
                null,
                null);
        Path file = dir.resolve("build.yml");
        ManifestCodec.write(manifest, file);

        List<String> topKeys = Files.readAllLines(file).stream()
                .filter(l -> !l.startsWith(" ") && !l.startsWith("-") && l.contains(":"))
                .map(l -> l.substring(0, l.indexOf(':')))
                .toList();
        assertThat(topKeys).containsExactly("archs", "bucket", "id", "packages", "platforms", "size");
        assertThat(Files.readString(file)).doesNotContain("sha256sum", "report", "submitter");
    }

    @Test
    void acceptsTheOriginalClientsManifest() throws Exception {
        // As written by the Perl client with YAML::Syck: SHA-1 only, unquoted scalars, an
        // attribute we do not know, comma-joined rules and a null report.
        Path file = write(
                """
                ---
                archs:
                  - x86_64, i386
                bucket: lcfg
                id: i8Mq2Q0nRaG171vp1FpLxw
                packages:
                  - file: lcfg-foo-1.2.3-1.src.rpm
                    sha1sum: A946CFBFF95F9797DA99DC24A8D0F3707DB9A0C2
                    size: 4242
                    type: SRPM
                platforms:
                  - sl5,sl6
                  - '!f13'
                report: ~
                size: 4242
                submitter: squinney
                subtime: ~
                verbose: 0
                """);

        JobManifest m = ManifestCodec.read(file);

        assertThat(m.id()).isEqualTo("i8Mq2Q0nRaG171vp1FpLxw");
        assertThat(m.bucket()).isEqualTo("lcfg");
        assertThat(m.archs()).containsExactly("x86_64", "i386");
        assertThat(m.platforms()).containsExactly("sl5", "sl6", "!f13");
        assertThat(m.report()).isEmpty();
        assertThat(m.submitter()).isEqualTo("squinney");
        assertThat(m.subtime()).isNull();
        assertThat(m.packages())
                .containsExactly(new ManifestPackage("SRPM", "lcfg-foo-1.2.3-1.src.rpm", 4242, SHA1, null));
    }

    @Test
    void defaultsPlatformsAndArchs() throws Exception {
        JobManifest m = ManifestCodec.read(write("id: x\nbucket: devel\n"));

        assertThat(m.platforms()).containsExactly("auto");
        assertThat(m.archs()).containsExactly("all");
        assertThat(m.packages()).isEmpty();
    }

    @Test
    void reportsLineAndColumnOfSyntaxErrors() throws IOException {
        Path file = write("id: x\nbucket: devel\nplatforms: a: b\n");

        assertThatThrownBy(() -> ManifestCodec.read(file))
                .isInstanceOf(JobFormatException.class)
                .hasMessage("build.yml line 3, column 13: mapping values are not allowed here");
    }

    @Test
    void reportsLineAndColumnOfBadValues() throws IOException {
        Path file = write("id: x\nbucket: devel\npackages:\n  - type: SRPM\n    file: ../etc/passwd\n");

        assertThatThrownBy(() -> ManifestCodec.read(file))
                .hasMessage("build.yml line 5, column 11: package file '../etc/passwd'"
                        + " must be a bare file name, without a directory");
    }

    @Test
    void refusesUnknownKeysWithWhereTheyAreAndAHint() throws IOException {
        assertThatThrownBy(() -> ManifestCodec.read(write("id: x\nbukcet: devel\n")))
                .hasMessageStartingWith("build.yml line 2, column 1: unknown key 'bukcet', did you mean 'bucket'?");
        assertThatThrownBy(() -> ManifestCodec.read(write("id: x\nbucket: devel\npackages:\n  - type: SRPM\n"
                        + "    file: a.src.rpm\n    sha1sum: " + SHA1 + "\n    sha265sum: x\n")))
                .hasMessageStartingWith("build.yml line 7, column 5: unknown key 'sha265sum' in packages[0],"
                        + " did you mean 'sha256sum'?");
        assertThatThrownBy(() -> ManifestCodec.read(write("id: x\nbucket: devel\nfrobnicate: 1\n")))
                .hasMessage("build.yml line 3, column 1: unknown key 'frobnicate' (known: id, bucket, platforms,"
                        + " archs, packages, size, submitter, subtime, report, verbose)");
    }

    @Test
    void refusesAnInvalidId() throws IOException {
        Path file = write("id: a/b\nbucket: devel\n");

        assertThatThrownBy(() -> ManifestCodec.read(file))
                .hasMessage("build.yml line 1, column 5: job id 'a/b' is invalid:"
                        + " only A-Z a-z 0-9 _ . - allowed, at most 50 characters");
    }

    @Test
    void refusesAMissingPackageType() throws IOException {
        Path file = write("id: x\nbucket: devel\npackages:\n  - file: a.src.rpm\n    sha1sum: " + SHA1 + "\n");

        assertThatThrownBy(() -> ManifestCodec.read(file)).hasMessageContaining("packages[0].type is missing");
    }

    @Test
    void refusesABadPackageType() throws IOException {
        Path file = write("id: x\nbucket: devel\npackages:\n  - type: 'S RPM'\n    file: a.src.rpm\n" + "    sha1sum: "
                + SHA1 + "\n");

        assertThatThrownBy(() -> ManifestCodec.read(file)).hasMessageContaining("package type 'S RPM' is invalid");
    }

    @Test
    void refusesAliasesAndAnchors() throws IOException {
        StringBuilder bomb = new StringBuilder("id: x\nbucket: devel\na: &a [\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [*")
                    .append(prev)
                    .append(",*")
                    .append(prev)
                    .append(",*")
                    .append(prev)
                    .append("]\n");
        }
        Path file = write(bomb.toString());

        assertThatThrownBy(() -> ManifestCodec.read(file))
                .hasMessage("build.yml line 3, column 4: YAML anchors (&a) are not allowed");
        Path alias = write("id: x\nbucket: *b\n");
        assertThatThrownBy(() -> ManifestCodec.read(alias)).hasMessageContaining("YAML aliases (*b) are not allowed");
    }

    @Test
    void refusesDuplicateKeysAndSecondDocuments() throws IOException {
        Path duplicate = write("id: x\nbucket: devel\nid: y\n");
        assertThatThrownBy(() -> ManifestCodec.read(duplicate))
                .hasMessageContaining("line 3, column 1: duplicate key 'id'");

        Path twoDocs = write("id: x\nbucket: devel\n---\nid: y\n");
        assertThatThrownBy(() -> ManifestCodec.read(twoDocs)).hasMessageContaining("only one YAML document");
    }

    @Test
    void refusesHugeDocuments() throws IOException {
        Path file = write("id: x\nbucket: devel\n# " + "x".repeat(ManifestCodec.MAX_BYTES) + "\n");

        assertThatThrownBy(() -> ManifestCodec.read(file)).hasMessage("build.yml: larger than 1024 KiB");
    }

    @Test
    void refusesNonMappingsAndMissingFiles() throws IOException {
        Path list = write("- a\n- b\n");
        assertThatThrownBy(() -> ManifestCodec.read(list)).hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> ManifestCodec.read(dir.resolve("nothing.yml"))).hasMessage("nothing.yml: missing");
    }

    @Test
    void refusesBadDigestsBucketsAndAddresses() throws IOException {
        Path digest = write("id: x\nbucket: devel\npackages:\n  - {type: SRPM, file: a.src.rpm, sha1sum: abc}\n");
        assertThatThrownBy(() -> ManifestCodec.read(digest)).hasMessageContaining("sha1sum must be 40 hex digits");

        Path bucket = write("id: x\nbucket: ../x\n");
        assertThatThrownBy(() -> ManifestCodec.read(bucket)).hasMessageContaining("bucket '../x' is invalid");

        Path report = write("id: x\nbucket: devel\nreport: [a@example.org, not-an-address]\n");
        assertThatThrownBy(() -> ManifestCodec.read(report))
                .hasMessageContaining("report address 'not-an-address' is not an email address");
    }

    @Test
    void keepsNumericLookingIdsAsWritten() throws Exception {
        assertThat(ManifestCodec.read(write("id: 0123\nbucket: devel\n")).id()).isEqualTo("0123");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("build.yml"), yaml);
    }
}
