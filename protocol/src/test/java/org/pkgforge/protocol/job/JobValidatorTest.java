package org.pkgforge.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.protocol.job.Checksums.FileDigest;

class JobValidatorTest {
    private static final String NAME = "hello-1.0-1.src.rpm";

    @TempDir
    static Path rpms;

    static Path hello;
    static FileDigest helloDigest;

    @TempDir
    Path job;

    @BeforeAll
    static void buildRpms() throws Exception {
        hello = TestRpms.helloSrpm(rpms);
        helloDigest = Checksums.digest(hello);
    }

    @Test
    void acceptsARealJob() throws Exception {
        JobManifest manifest = writeJob(entry(helloDigest.sha256()));

        ValidatedJob validated = JobValidator.validate(job);

        assertThat(validated.directory()).isEqualTo(job);
        assertThat(validated.manifest()).isEqualTo(manifest);
        assertThat(validated.packages()).singleElement().satisfies(p -> {
            assertThat(p.info().name()).isEqualTo("hello");
            assertThat(p.info().version()).isEqualTo("1.0");
            assertThat(p.info().release()).isEqualTo("1");
            assertThat(p.entry().size()).isEqualTo(Files.size(hello));
        });
    }

    @Test
    void acceptsSha1OnlyJobsAndFillsInSha256() throws Exception {
        writeJob(entry(null));

        ValidatedJob validated = JobValidator.validate(job);

        assertThat(validated.manifest().packages().get(0).sha256sum()).isEqualTo(helloDigest.sha256());
        assertThat(validated.packages().get(0).entry().sha256sum()).isEqualTo(helloDigest.sha256());
    }

    @Test
    void refusesAChecksumMismatch() throws Exception {
        String wrong = "cd34" + helloDigest.sha256().substring(4);
        writeJob(entry(wrong));

        assertThatThrownBy(() -> JobValidator.validate(job))
                .isInstanceOf(JobFormatException.class)
                .hasMessage(NAME + ": checksum mismatch (sha256 expected " + wrong.substring(0, 12) + "…, got "
                        + helloDigest.sha256().substring(0, 12) + "…)");
    }

    @Test
    void refusesASha1MismatchAndASizeMismatch() throws Exception {
        String sha1 = "0".repeat(40);
        writeManifest(new ManifestPackage("SRPM", NAME, helloDigest.size(), sha1, null));
        Files.copy(hello, job.resolve(NAME));
        assertThatThrownBy(() -> JobValidator.validate(job)).hasMessageContaining("checksum mismatch (sha1 expected");

        writeManifest(new ManifestPackage("SRPM", NAME, 5, helloDigest.sha1(), null));
        assertThatThrownBy(() -> JobValidator.validate(job))
                .hasMessage(NAME + ": size mismatch (build.yml says 5 bytes, the file has " + helloDigest.size() + ")");
    }

    @Test
    void refusesAFileListedButMissing() throws Exception {
        writeManifest(new ManifestPackage("SRPM", "missing.src.rpm", 1, helloDigest.sha1(), null));

        assertThatThrownBy(() -> JobValidator.validate(job))
                .hasMessage("missing.src.rpm: listed in build.yml but not in the job directory");
    }

    @Test
    void refusesASymlinkInPlaceOfThePackage() throws Exception {
        writeManifest(entry(null));
        Files.createSymbolicLink(job.resolve(NAME), hello);

        assertThatThrownBy(() -> JobValidator.validate(job)).hasMessage(NAME + ": a symbolic link, not a regular file");
    }

    @Test
    void refusesASymlinkedJobDirectoryOrManifest(@TempDir Path other) throws Exception {
        writeJob(entry(null));
        Path linkedDir = Files.createSymbolicLink(other.resolve("linked"), job);
        assertThatThrownBy(() -> JobValidator.validate(linkedDir))
                .hasMessage("job directory 'linked' is a symbolic link");

        Files.move(job.resolve("build.yml"), other.resolve("real.yml"));
        Files.createSymbolicLink(job.resolve("build.yml"), other.resolve("real.yml"));
        assertThatThrownBy(() -> JobValidator.validate(job))
                .hasMessage("build.yml: a symbolic link, not a regular file");
    }

    @Test
    void refusesAJobWithoutPackagesOrManifest() throws Exception {
        assertThatThrownBy(() -> JobValidator.validate(job)).hasMessage("build.yml: missing");

        writeManifest();
        assertThatThrownBy(() -> JobValidator.validate(job)).hasMessage("no packages to build");
    }

    @Test
    void aDebianSourcePackageValidatesWithItsListedFiles() throws Exception {
        Path tarball = Files.write(job.resolve("hello-farm_1.0-2.tar.xz"), new byte[] {7, 7, 7});
        Checksums.FileDigest t = Checksums.digest(tarball);
        Path dsc = Files.writeString(
                job.resolve("hello-farm_1.0-2.dsc"),
                "Format: 3.0 (quilt)\nSource: hello-farm\nBinary: hello-farm, hello-farm-dev\nVersion: 1.0-2\n"
                        + "Build-Depends: debhelper-compat (= 13), libfarm-dev [amd64] | libold-dev\n"
                        + "Checksums-Sha256:\n " + t.sha256() + " " + t.size() + " " + tarball.getFileName() + "\n");
        Checksums.FileDigest d = Checksums.digest(dsc);
        ManifestPackage dscEntry = new ManifestPackage("DSC", "hello-farm_1.0-2.dsc", d.size(), d.sha1(), d.sha256());
        ManifestPackage fileEntry =
                new ManifestPackage("DSCFILE", "hello-farm_1.0-2.tar.xz", t.size(), t.sha1(), t.sha256());

        writeManifest(dscEntry, fileEntry);
        ValidatedJob validated = JobValidator.validate(job);

        SourceRpmInfo info = validated.packages().get(0).info();
        assertThat(info.name()).isEqualTo("hello-farm");
        assertThat(info.version()).isEqualTo("1.0");
        assertThat(info.release()).isEqualTo("2");
        assertThat(info.buildRequires()).containsExactly("debhelper-compat", "libfarm-dev", "libold-dev");
        assertThat(info.provides()).containsExactly("hello-farm", "hello-farm-dev");

        writeManifest(fileEntry);
        assertThatThrownBy(() -> JobValidator.validate(job))
                .hasMessage("hello-farm_1.0-2.tar.xz: a DSCFILE that no .dsc of the job lists");
    }

    @Test
    void refusesUnsupportedTypesAndDuplicates() throws Exception {
        Files.copy(hello, job.resolve(NAME));
        writeManifest(new ManifestPackage("Tarball", NAME, helloDigest.size(), helloDigest.sha1(), null));
        assertThatThrownBy(() -> JobValidator.validate(job))
                .hasMessage(NAME + ": unsupported package type 'Tarball' (SRPM, DSC and DSCFILE are supported)");

        writeManifest(entry(null), entry(null));
        assertThatThrownBy(() -> JobValidator.validate(job)).hasMessage(NAME + ": listed more than once in build.yml");
    }

    @Test
    void acceptsTheTypeInAnyCase() throws Exception {
        Files.copy(hello, job.resolve(NAME));
        writeManifest(new ManifestPackage("srpm", NAME, helloDigest.size(), helloDigest.sha1(), null));

        assertThat(JobValidator.validate(job).packages()).hasSize(1);
    }

    @Test
    void refusesATextFileAsPackage() throws Exception {
        Path text = Files.writeString(job.resolve("x.src.rpm"), "not an rpm\n");
        FileDigest d = Checksums.digest(text);
        writeManifest(new ManifestPackage("SRPM", "x.src.rpm", d.size(), d.sha1(), d.sha256()));

        assertThatThrownBy(() -> JobValidator.validate(job)).hasMessage("x.src.rpm: not an RPM file (bad magic)");
    }

    private static ManifestPackage entry(String sha256) {
        return new ManifestPackage("SRPM", NAME, helloDigest.size(), helloDigest.sha1(), sha256);
    }

    private JobManifest writeJob(ManifestPackage entry) throws IOException {
        Files.copy(hello, job.resolve(NAME));
        return writeManifest(entry);
    }

    private JobManifest writeManifest(ManifestPackage... entries) throws IOException {
        JobManifest manifest = new JobManifest(
                "job-1", "devel", List.of("auto"), List.of("all"), List.of(entries), List.of(), "alice", null);
        ManifestCodec.write(manifest, job.resolve("build.yml"));
        return manifest;
    }
}
