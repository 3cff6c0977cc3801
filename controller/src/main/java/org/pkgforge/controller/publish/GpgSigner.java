package org.pkgforge.controller.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pkgforge.controller.config.SigningSettings;
import org.pkgforge.controller.host.HostCommand;

/**
 * Signs with one GPG key: packages with rpmsign, repository metadata with detached or clear-text
 * gpg signatures. A package is signed once, into {@code .signed-<key>/} next to it, and that copy
 * is what gets published: signatures carry a timestamp, so signing again would make different
 * bytes under the same name, and a re-run publish (after a crash) would be refused as a different
 * package.
 */
public final class GpgSigner {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final SigningSettings.Key key;

    public GpgSigner(SigningSettings.Key key) {
        this.key = key;
    }

    /** The signed copy of {@code rpm}, made now or by an earlier run. */
    public Path signedRpm(Path rpm) throws IOException {
        Path dir =
                Files.createDirectories(rpm.resolveSibling(".signed-" + key.id().replaceAll("[^A-Za-z0-9]", "_")));
        Path signed = dir.resolve(rpm.getFileName().toString());
        if (Files.isRegularFile(signed)) {
            return signed;
        }
        Path temporary = dir.resolve("." + UUID.randomUUID() + ".rpm");
        try {
            Files.copy(rpm, temporary);
            HostCommand.run(
                    List.of(
                            "rpmsign",
                            "--addsign",
                            "--define",
                            "_gpg_name " + key.id(),
                            "--define",
                            "_gpg_path " + key.gnupgHome(),
                            "--define",
                            "__gpg /usr/bin/gpg",
                            temporary.toString()),
                    dir,
                    TIMEOUT);
            Files.move(temporary, signed, StandardCopyOption.ATOMIC_MOVE);
            return signed;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** An ASCII-armoured detached signature of {@code file} (repomd.xml.asc, Release.gpg). */
    public void detachSign(Path file, Path signature) throws IOException {
        gpg(file, signature, "--armor", "--detach-sign");
    }

    /** {@code file} with an inline clear-text signature (Debian's InRelease). */
    public void clearSign(Path file, Path signed) throws IOException {
        gpg(file, signed, "--clearsign");
    }

    private void gpg(Path input, Path output, String... mode) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "gpg",
                "--batch",
                "--yes",
                "--no-tty",
                "--homedir",
                key.gnupgHome().toString(),
                "--local-user",
                key.id(),
                "--digest-algo",
                "SHA256",
                "--output",
                output.toString()));
        command.addAll(List.of(mode));
        command.add(input.toString());
        HostCommand.run(command, input.getParent(), TIMEOUT);
    }
}
