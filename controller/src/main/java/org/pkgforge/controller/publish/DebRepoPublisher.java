package org.pkgforge.controller.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.pkgforge.controller.host.HostCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes .debs into a flat Debian repository ({@code deb [trusted=yes] file:/repo ./}) with
 * apt-ftparchive: packages go into {@code pool/} under temporary names and are renamed; the
 * indexes are written aside, moved in, and {@code Release}, which names their checksums, is
 * renamed last, so apt sees the old indexes or the new. Publishing the same files again changes
 * nothing, and publishes into one repository are serialised ({@link RepoLock}).
 */
public final class DebRepoPublisher {
    private static final Logger log = LoggerFactory.getLogger(DebRepoPublisher.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    public void publish(Path repo, List<Path> debs) throws IOException {
        publish(repo, debs, Optional.empty());
    }

    /** With a signer, {@code InRelease} and {@code Release.gpg} are written with {@code Release}. */
    public void publish(Path repo, List<Path> debs, Optional<GpgSigner> signer) throws IOException {
        RepoLock.whileHolding(repo, () -> {
            Path pool = Files.createDirectories(repo.resolve("pool"));
            for (Path deb : debs) {
                RepoPublisher.copyIn(pool, deb);
            }
            regenerateIndexes(repo, signer);
        });
    }

    private static void regenerateIndexes(Path repo, Optional<GpgSigner> signer) throws IOException {
        String tag = UUID.randomUUID().toString();
        // Written by the shell, not read back through HostCommand, whose output merges stderr.
        // apt-ftparchive runs in the repository so Filename: entries are relative to it (pool/…).
        Path packages = repo.resolve(".Packages." + tag);
        HostCommand.run(List.of("sh", "-c", "apt-ftparchive packages pool > " + packages.getFileName()), repo, TIMEOUT);
        Path gz = repo.resolve(".Packages.gz." + tag);
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(packages, out);
        }
        Files.move(
                gz, repo.resolve("Packages.gz"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
                packages,
                repo.resolve("Packages"),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        // Outside the repository while it is written, so Release does not describe itself.
        Path release = repo.resolveSibling("." + repo.getFileName() + ".Release." + tag);
        HostCommand.run(
                List.of(
                        "sh",
                        "-c",
                        "apt-ftparchive -o APT::FTPArchive::Release::Origin=PkgForge"
                                + " -o APT::FTPArchive::Release::Label=PkgForge release . > '" + release + "'"),
                repo,
                TIMEOUT);
        if (signer.isPresent()) {
            // InRelease first: apt prefers it, and it carries its own signature, so it is never
            // out of step with itself; Release and Release.gpg follow for older clients.
            Path inRelease = repo.resolveSibling(release.getFileName() + ".in");
            Path detached = repo.resolveSibling(release.getFileName() + ".gpg");
            signer.get().clearSign(release, inRelease);
            signer.get().detachSign(release, detached);
            Files.move(
                    inRelease,
                    repo.resolve("InRelease"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    release,
                    repo.resolve("Release"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    detached,
                    repo.resolve("Release.gpg"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.move(
                    release,
                    repo.resolve("Release"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        log.info("published Debian indexes of {}", repo);
    }
}
