package org.pkgforge.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobPackagerTest {
    @TempDir
    static Path rpms;

    static Path hello;
    static Path archy;

    @TempDir
    Path target;

    @BeforeAll
    static void buildRpms() throws Exception {
        hello = TestRpms.helloSrpm(rpms.resolve("out"));
        archy = TestRpms.archSrpm(rpms, rpms.resolve("out"));
    }

    @Test
    void describesLocalFiles() throws Exception {
        JobManifest m = JobPackager.describe(
                null,
                "devel",
                List.of("el9, !el8"),
                null,
                List.of("a@example.org,b@example.org"),
                List.of(hello, archy),
                "alice");

        assertThat(JobIds.isValid(m.id())).isTrue();
        assertThat(m.platforms()).containsExactly("el9", "!el8");
        assertThat(m.archs()).containsExactly("all");
        assertThat(m.report()).containsExactly("a@example.org", "b@example.org");
        assertThat(m.submitter()).isEqualTo("alice");
        assertThat(m.subtime()).isNull();
        assertThat(m.packages())
                .extracting(ManifestPackage::file)
                .containsExactly(
                        hello.getFileName().toString(), archy.getFileName().toString());
        assertThat(m.packages().get(0).sha256sum()).isEqualTo(Checksums.sha256Hex(hello));
        assertThat(m.packages().get(0).sha1sum()).isEqualTo(Checksums.sha1Hex(hello));
        assertThat(m.size()).isEqualTo(Files.size(hello) + Files.size(archy));
    }

    @Test
    void writesAValidJobUnderItsIdAndNothingElse() throws Exception {
        JobManifest m = JobPackager.describe("my-job.1", "devel", null, null, null, List.of(hello), "alice");

        Path jobDir = JobPackager.writeJob(target, m, List.of(hello));

        assertThat(jobDir).isEqualTo(target.resolve("my-job.1"));
        assertThat(entries(target)).containsExactly("my-job.1");
        assertThat(entries(jobDir))
                .containsExactlyInAnyOrder("build.yml", hello.getFileName().toString());
        assertThat(JobValidator.validate(jobDir).manifest()).isEqualTo(m);
        assertThat(Files.mismatch(hello, jobDir.resolve(hello.getFileName()))).isEqualTo(-1L);
    }

    @Test
    void refusesAnIdThatIsAlreadyThere() throws Exception {
        JobManifest m = JobPackager.describe("taken", "devel", null, null, null, List.of(hello), "alice");
        JobPackager.writeJob(target, m, List.of(hello));

        assertThatThrownBy(() -> JobPackager.writeJob(target, m, List.of(hello)))
                .isInstanceOf(JobFormatException.class)
                .hasMessageContaining("job id 'taken' already exists");
        assertThat(entries(target)).containsExactly("taken");
    }

    @Test
    void removesThePartialDirectoryWhenTheCopyFailsValidation(@TempDir Path work) throws Exception {
        Path source = Files.copy(hello, work.resolve(hello.getFileName()));
        JobManifest m = JobPackager.describe("changed", "devel", null, null, null, List.of(source), "alice");
        // The file changes between describe and write: the re-validation of the copy catches it.
        Files.write(source, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> JobPackager.writeJob(target, m, List.of(source)))
                .hasMessageContaining("size mismatch");
        assertThat(entries(target)).isEmpty();
    }

    @Test
    void refusesBadInputBeforeWritingAnything(@TempDir Path work) throws IOException {
        Path text = Files.writeString(work.resolve("bad.src.rpm"), "hello\n");

        assertThatThrownBy(() -> JobPackager.describe(null, "devel", null, null, null, List.of(text), "a"))
                .hasMessage("bad.src.rpm: not an RPM file (bad magic)");
        assertThatThrownBy(() -> JobPackager.describe("a/b", "devel", null, null, null, List.of(hello), "a"))
                .hasMessageStartingWith("job id 'a/b' is invalid");
        assertThatThrownBy(() -> JobPackager.describe(null, "", null, null, null, List.of(hello), "a"))
                .hasMessage("a bucket is required");
        assertThatThrownBy(() -> JobPackager.describe(null, "devel", null, null, null, List.of(), "a"))
                .hasMessage("no packages to build");
        assertThatThrownBy(() -> JobPackager.describe(null, "devel", null, null, null, List.of(hello, hello), "a"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> JobPackager.describe(null, "devel", List.of("a b"), null, null, List.of(hello), "a"))
                .hasMessageContaining("platforms entry 'a b' is invalid");
        assertThat(entries(target)).isEmpty();
    }

    @Test
    void followsTheUsersOwnSymlinksButKeepsTheirName(@TempDir Path work) throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("mine-1.0-1.src.rpm"), hello);
        JobManifest m = JobPackager.describe("linked", "devel", null, null, null, List.of(link), "alice");

        Path jobDir = JobPackager.writeJob(target, m, List.of(link));

        assertThat(Files.isSymbolicLink(jobDir.resolve("mine-1.0-1.src.rpm"))).isFalse();
        assertThat(JobValidator.validate(jobDir).packages().get(0).info().name())
                .isEqualTo("hello");
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
