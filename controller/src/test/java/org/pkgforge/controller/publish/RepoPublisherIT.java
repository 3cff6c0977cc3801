package org.pkgforge.controller.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;

/** Publishing into a real createrepo_c repository, read back as dnf would. */
class RepoPublisherIT {
    @TempDir
    static Path rpms;

    @TempDir
    Path repos;

    static Path alpha1;
    static Path alpha1Rebuilt;
    static Path beta;

    @BeforeAll
    static void buildPackages() throws Exception {
        alpha1 = build("alpha", "1", "first");
        beta = build("beta", "1", "beta");
        alpha1Rebuilt = build("alpha", "1", "different content, same name");
    }

    private static Path build(String name, String version, String description) throws Exception {
        return SamplePackages.rpm(rpms, name, version, description);
    }

    @Test
    void publishedPackagesAppearInTheMetadata() throws IOException {
        Path repo = repos.resolve("devel/el9/x86_64");
        new RepoPublisher().publish(repo, List.of(alpha1));
        assertThat(FarmFixture.primaryXml(repo)).contains("<name>alpha</name>").doesNotContain("<name>beta</name>");
        new RepoPublisher().publish(repo, List.of(beta));
        assertThat(FarmFixture.primaryXml(repo)).contains("<name>alpha</name>").contains("<name>beta</name>");
    }

    @Test
    void oldMetadataFilesAreRemovedAfterTheSwap() throws IOException {
        Path repo = repos.resolve("r");
        RepoPublisher publisher = new RepoPublisher();
        publisher.publish(repo, List.of(alpha1));
        publisher.publish(repo, List.of(beta));
        String repomd = Files.readString(repo.resolve("repodata/repomd.xml"));
        try (var files = Files.list(repo.resolve("repodata"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                assertThat(name.equals("repomd.xml") || repomd.contains("repodata/" + name))
                        .as(name)
                        .isTrue();
            }
        }
        try (var siblings = Files.list(repos)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("r");
        }
    }

    @Test
    void publishingTwiceIsIdempotent() throws IOException {
        Path repo = repos.resolve("r");
        RepoPublisher publisher = new RepoPublisher();
        publisher.publish(repo, List.of(alpha1));
        String first = FarmFixture.primaryXml(repo);
        publisher.publish(repo, List.of(alpha1));
        assertThat(FarmFixture.primaryXml(repo)).isEqualTo(first);
    }

    @Test
    void differentContentUnderAPublishedNameIsRefused() throws IOException {
        Path repo = repos.resolve("r");
        RepoPublisher publisher = new RepoPublisher();
        publisher.publish(repo, List.of(alpha1));
        assertThatThrownBy(() -> publisher.publish(repo, List.of(alpha1Rebuilt)))
                .isInstanceOf(RepoPublisher.PublishException.class)
                .hasMessageContaining("already published with different content");
    }

    @Test
    void concurrentPublishesToOneRepositoryBothLand() throws Exception {
        Path repo = repos.resolve("r");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> {
                new RepoPublisher().publish(repo, List.of(alpha1));
                return null;
            });
            Future<?> b = pool.submit(() -> {
                new RepoPublisher().publish(repo, List.of(beta));
                return null;
            });
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(FarmFixture.primaryXml(repo)).contains("<name>alpha</name>").contains("<name>beta</name>");
    }

    @Test
    void failingCreaterepoLeavesTheOldMetadataServed() throws IOException {
        Path repo = repos.resolve("r");
        new RepoPublisher().publish(repo, List.of(alpha1));
        String before = Files.readString(repo.resolve("repodata/repomd.xml"));
        assertThatThrownBy(() -> new RepoPublisher("false").publish(repo, List.of(beta)))
                .hasMessageContaining("exited 1");
        assertThat(Files.readString(repo.resolve("repodata/repomd.xml"))).isEqualTo(before);
        assertThat(FarmFixture.primaryXml(repo)).doesNotContain("<name>beta</name>");
    }
}
