package org.pkgforge.controller.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.controller.host.HostCommand;
import org.pkgforge.protocol.job.Checksums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes RPMs into a yum/dnf repository. Packages are copied in under temporary names and
 * renamed; createrepo_c writes the new metadata aside; its content-addressed files are moved in
 * first and repomd.xml is swapped last with one atomic rename, so a reader sees the old metadata
 * or the new, never a mix. Publishing the same files again changes nothing (crash re-runs), and
 * publishes into one repository are serialised, also across processes (a file lock). What a
 * killed publish left behind (packages half copied under temporary names, metadata written
 * aside) is removed by the next publish into that repository. With a signer, the packages
 * published are signed copies and {@code repomd.xml.asc} is written next to repomd.xml.
 */
public final class RepoPublisher {
    private static final Logger log = LoggerFactory.getLogger(RepoPublisher.class);
    static final String SIGNATURE = "repomd.xml.asc";
    private static final Pattern HREF = Pattern.compile("href=\"repodata/([^\"/]+)\"");

    private final String createrepo;

    public RepoPublisher() {
        this("createrepo_c");
    }

    public RepoPublisher(String createrepoCommand) {
        this.createrepo = createrepoCommand;
    }

    /** Thrown when a package of the same name but different content is already published. */
    public static final class PublishException extends IOException {
        private static final long serialVersionUID = 1L;

        public PublishException(String message) {
            super(message);
        }
    }

    public void publish(Path repo, List<Path> rpms) throws IOException {
        publish(repo, rpms, Optional.empty());
    }

    public void publish(Path repo, List<Path> rpms, Optional<GpgSigner> signer) throws IOException {
        RepoLock.whileHolding(repo, () -> {
            removeLeftovers(repo);
            for (Path rpm : rpms) {
                copyIn(repo, signer.isPresent() ? signer.get().signedRpm(rpm) : rpm);
            }
            regenerateMetadata(repo, signer);
        });
    }

    /** What a publish killed midway left: temporary package copies and metadata written aside. */
    static void removeLeftovers(Path repo) throws IOException {
        String aside = "." + repo.getFileName() + ".metadata-";
        try (var siblings = Files.list(repo.getParent())) {
            for (Path p : siblings.toList()) {
                if (p.getFileName().toString().startsWith(aside)) {
                    log.info("removing {}, left by an interrupted publish", p);
                    Trees.deleteRecursively(p);
                }
            }
        }
        try (var files = Files.list(repo)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Copies one package into {@code dir} under a temporary name and renames it; the same file
     * again is left alone, a different one of the same name is refused.
     */
    static void copyIn(Path dir, Path rpm) throws IOException {
        Path target = dir.resolve(rpm.getFileName().toString());
        if (Files.exists(target)) {
            if (Checksums.sha256Hex(target).equals(Checksums.sha256Hex(rpm))) {
                return;
            }
            throw new PublishException(target.getFileName() + " is already published with different content;"
                    + " bump the release to publish a new build");
        }
        Path temporary = dir.resolve("." + rpm.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.copy(rpm, temporary);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private void regenerateMetadata(Path repo, Optional<GpgSigner> signer) throws IOException {
        Path aside = repo.resolveSibling("." + repo.getFileName() + ".metadata-" + UUID.randomUUID());
        try {
            Files.createDirectories(aside);
            HostCommand.run(
                    List.of(
                            createrepo,
                            "--quiet",
                            "--no-database",
                            "--update",
                            "--update-md-path",
                            repo.toString(),
                            "--excludes",
                            ".*",
                            "--outputdir",
                            aside.toString(),
                            repo.toString()),
                    repo,
                    Duration.ofMinutes(5));
            Path fresh = aside.resolve("repodata");
            Path live = repo.resolve("repodata");
            Files.createDirectories(live);
            Set<String> keep = referencedFiles(Files.readString(fresh.resolve("repomd.xml")));
            for (String name : keep) {
                Path target = live.resolve(name);
                if (!Files.exists(target)) {
                    Files.move(fresh.resolve(name), target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            if (signer.isPresent()) {
                signer.get().detachSign(fresh.resolve("repomd.xml"), fresh.resolve(SIGNATURE));
            }
            Files.move(
                    fresh.resolve("repomd.xml"),
                    live.resolve("repomd.xml"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            // Right after repomd.xml: the two cannot be swapped in one rename, so a reader may
            // see the old signature with the new repomd.xml for a moment and should retry.
            if (signer.isPresent()) {
                Files.move(
                        fresh.resolve(SIGNATURE),
                        live.resolve(SIGNATURE),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(live.resolve(SIGNATURE));
            }
            removeUnreferenced(live, keep);
            log.info("published metadata of {}", repo);
        } finally {
            Trees.deleteRecursively(aside);
        }
    }

    static Set<String> referencedFiles(String repomd) {
        Set<String> names = new HashSet<>();
        Matcher m = HREF.matcher(repomd);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static void removeUnreferenced(Path live, Set<String> keep) throws IOException {
        try (var files = Files.list(live)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("repomd.xml") && !name.equals(SIGNATURE) && !keep.contains(name)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
