package org.pkgforge.controller.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;

/**
 * A publisher process killed with SIGKILL in the middle of publishing (its new metadata written,
 * not yet swapped in): the old metadata stays served, whole, and the publish run again lands.
 */
@Timeout(180)
class KilledPublishIT {
    @TempDir
    Path dir;

    /** The publisher in its own JVM, so the test can kill it: {@code REPO CREATEREPO RPM...}. */
    public static void main(String[] args) throws IOException {
        List<Path> rpms = Stream.of(args).skip(2).map(Path::of).toList();
        new RepoPublisher(args[1]).publish(Path.of(args[0]), rpms);
    }

    @Test
    void oldMetadataStaysServedAndTheRerunLands() throws Exception {
        Path alpha = SamplePackages.rpm(dir.resolve("rpms"), "alpha", "1", "alpha");
        Path beta = SamplePackages.rpm(dir.resolve("rpms"), "beta", "1", "beta");
        Path repo = dir.resolve("repos/devel");
        new RepoPublisher().publish(repo, List.of(alpha));
        byte[] servedBefore = Files.readAllBytes(repo.resolve("repodata/repomd.xml"));

        // createrepo_c really runs, then the publisher hangs where it would swap the metadata in.
        Path written = dir.resolve("metadata-written");
        Path hanging = dir.resolve("createrepo-then-hang");
        Files.writeString(hanging, "#!/bin/sh\ncreaterepo_c \"$@\" && touch '" + written + "' && exec sleep 300\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        Process publisher = startPublisher(repo, hanging, beta);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(written) || !publisher.isAlive());
            assertThat(publisher.isAlive())
                    .as("the publisher reached createrepo")
                    .isTrue();
        } finally {
            publisher.descendants().forEach(ProcessHandle::destroyForcibly);
            publisher.destroyForcibly(); // SIGKILL: no finally block of the publisher runs
            publisher.waitFor(30, TimeUnit.SECONDS);
        }

        assertThat(Files.readAllBytes(repo.resolve("repodata/repomd.xml")))
                .as("the old metadata is still what is served")
                .isEqualTo(servedBefore);
        for (String file : RepoPublisher.referencedFiles(new String(servedBefore))) {
            assertThat(repo.resolve("repodata").resolve(file))
                    .as("referenced by repomd.xml")
                    .isRegularFile();
        }
        assertThat(FarmFixture.primaryXml(repo)).contains("<name>alpha</name>").doesNotContain("<name>beta</name>");
        assertThat(leftovers(repo))
                .as("the killed publish left its metadata aside")
                .isNotEmpty();

        // The lock died with the process; the re-run (what start-up does for unpublished tasks) lands.
        new RepoPublisher().publish(repo, List.of(beta));
        assertThat(FarmFixture.primaryXml(repo)).contains("<name>alpha</name>").contains("<name>beta</name>");
        assertThat(leftovers(repo)).isEmpty();
    }

    private static Process startPublisher(Path repo, Path createrepo, Path rpm) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                KilledPublishIT.class.getName(),
                repo.toString(),
                createrepo.toString(),
                rpm.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(repo.resolveSibling("publisher.log").toFile())
                .start();
    }

    private static List<Path> leftovers(Path repo) throws IOException {
        try (Stream<Path> siblings = Files.list(repo.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith("." + repo.getFileName() + ".metadata-"))
                    .toList();
        }
    }
}
