package org.pkgforge.controller.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.host.HostCommand;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.GpgKey;
import org.pkgforge.controller.testing.SamplePackages;

/** Signed repositories with a real GPG key, checked by rpmkeys and gpgv as dnf and apt would. */
@Timeout(180)
class SignedPublishIT {
    @TempDir
    static Path keys;

    static GpgKey key;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKey() throws IOException {
        key = GpgKey.generate(keys, "PkgForge Test Signing <farm@example.org>");
    }

    @Test
    void rpmsAndRepomdAreSignedAndARepublishChangesNothing() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Path rpm = Files.copy(
                SamplePackages.helloBinaryRpm(),
                results.resolve(SamplePackages.helloBinaryRpm().getFileName()));
        Path repo = dir.resolve("repo");
        GpgSigner signer = new GpgSigner(key.signingKey());

        new RepoPublisher().publish(repo, List.of(rpm), Optional.of(signer));

        Path published = repo.resolve(rpm.getFileName());
        Path rpmdb = Files.createDirectories(dir.resolve("rpmdb"));
        HostCommand.run(
                List.of(
                        "rpmkeys",
                        "--dbpath",
                        rpmdb.toString(),
                        "--import",
                        key.publicKey().toString()),
                dir,
                Duration.ofMinutes(1));
        assertThat(HostCommand.run(
                        List.of("rpmkeys", "--dbpath", rpmdb.toString(), "--checksig", "-v", published.toString()),
                        dir,
                        Duration.ofMinutes(1)))
                .containsPattern("Header V4 RSA/SHA(256|512) Signature, key ID ")
                .contains("key ID " + key.fingerprint().substring(32).toLowerCase() + ": OK");
        assertThat(HostCommand.run(
                        List.of("rpmkeys", "--dbpath", rpmdb.toString(), "--checksig", "-v", rpm.toString()),
                        dir,
                        Duration.ofMinutes(1)))
                .as("the build result itself stays unsigned")
                .doesNotContain("Signature");
        assertThat(key.verify(repo.resolve("repodata/repomd.xml.asc"), repo.resolve("repodata/repomd.xml")))
                .contains("Good signature");
        assertThat(FarmFixture.primaryXml(repo)).contains("<name>hello</name>");

        // A re-run (a crash before the task was marked published) reuses the signed copy: the
        // published bytes are the same, so it is not refused as a different package.
        byte[] before = Files.readAllBytes(published);
        new RepoPublisher().publish(repo, List.of(rpm), Optional.of(signer));
        assertThat(Files.readAllBytes(published)).isEqualTo(before);
        assertThat(key.verify(repo.resolve("repodata/repomd.xml.asc"), repo.resolve("repodata/repomd.xml")))
                .contains("Good signature");
    }

    @Test
    void debianReleaseIsSignedInlineAndDetached() throws Exception {
        Path deb = SamplePackages.deb(Files.createDirectories(dir.resolve("deb-build")), "hello-farm", "1.0", "signed");
        Path repo = dir.resolve("apt");

        new DebRepoPublisher().publish(repo, List.of(deb), Optional.of(new GpgSigner(key.signingKey())));

        assertThat(key.verify(repo.resolve("InRelease"), null)).contains("Good signature");
        assertThat(key.verify(repo.resolve("Release.gpg"), repo.resolve("Release")))
                .contains("Good signature");
        assertThat(Files.readString(repo.resolve("InRelease")))
                .contains(Files.readString(repo.resolve("Release")).strip());
    }

    @Test
    void aSignatureByAnotherKeyDoesNotVerify() throws Exception {
        GpgKey other = GpgKey.generate(Files.createDirectories(dir.resolve("other")), "Someone Else <x@example.org>");
        Path repo = dir.resolve("repo");
        Path rpm = Files.copy(
                SamplePackages.helloBinaryRpm(),
                Files.createDirectories(dir.resolve("r")).resolve("h.rpm"));
        new RepoPublisher().publish(repo, List.of(rpm), Optional.of(new GpgSigner(other.signingKey())));
        assertThatThrownBy(
                        () -> key.verify(repo.resolve("repodata/repomd.xml.asc"), repo.resolve("repodata/repomd.xml")))
                .hasMessageContaining("gpgv exited");
    }
}
