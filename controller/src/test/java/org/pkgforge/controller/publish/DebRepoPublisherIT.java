package org.pkgforge.controller.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.protocol.job.Checksums;

/** Real .debs (dpkg-deb) into a flat repository with the real apt-ftparchive, read back as apt would. */
@Timeout(120)
class DebRepoPublisherIT {
    @TempDir
    Path temp;

    private final DebRepoPublisher publisher = new DebRepoPublisher();

    private Path deb(String name, String version, String text) throws Exception {
        return SamplePackages.deb(temp, name, version, text);
    }

    @Test
    void publishedDebsAreListedInPackagesAndReleaseVouchesForTheIndex() throws Exception {
        Path repo = temp.resolve("repo");
        publisher.publish(repo, List.of(deb("hello-farm", "1.0", "a")));

        String packages = Files.readString(repo.resolve("Packages"));
        assertThat(packages).contains("Package: hello-farm").contains("Filename: pool/hello-farm_1.0_all.deb");
        assertThat(repo.resolve("pool/hello-farm_1.0_all.deb")).isRegularFile();
        assertThat(repo.resolve("Packages.gz")).isRegularFile();
        String release = Files.readString(repo.resolve("Release"));
        assertThat(release).contains("Origin: PkgForge");
        assertThat(release).contains(Checksums.sha256Hex(repo.resolve("Packages")));
        try (var files = Files.list(repo)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("nothing left aside")
                    .containsExactlyInAnyOrder(".publish.lock", "pool", "Packages", "Packages.gz", "Release");
        }
    }

    @Test
    void republishingIsIdempotentAndADifferentFileOfTheSameNameIsRefused() throws Exception {
        Path repo = temp.resolve("repo");
        Path deb = deb("hello-farm", "1.0", "a");
        publisher.publish(repo, List.of(deb));
        publisher.publish(repo, List.of(deb));

        assertThat(Files.readString(repo.resolve("Packages"))).containsOnlyOnce("Package: hello-farm");
        Path other = deb("hello-farm", "1.0", "different content");
        assertThatThrownBy(() -> publisher.publish(repo, List.of(other)))
                .isInstanceOf(RepoPublisher.PublishException.class)
                .hasMessageContaining("already published with different content");
    }

    @Test
    void twoConcurrentPublishesBothLand() throws Exception {
        Path repo = temp.resolve("repo");
        Path one = deb("one-farm", "1.0", "1");
        Path two = deb("two-farm", "1.0", "2");

        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> publishUnchecked(repo, one));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> publishUnchecked(repo, two));
        CompletableFuture.allOf(a, b).get();

        assertThat(Files.readString(repo.resolve("Packages")))
                .contains("Package: one-farm")
                .contains("Package: two-farm");
    }

    private void publishUnchecked(Path repo, Path deb) {
        try {
            publisher.publish(repo, List.of(deb));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
