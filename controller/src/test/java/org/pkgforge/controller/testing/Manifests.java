package org.pkgforge.controller.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pkgforge.protocol.job.Checksums;

/** Hand-written build.yml files, for jobs the submit tool would refuse to make. */
public final class Manifests {
    private Manifests() {}

    /** Writes {@code dir/build.yml} for job {@code id} listing {@code file} with its real size and checksums. */
    public static void write(Path dir, String id, Path file) throws Exception {
        long size = Files.size(file);
        String sha1 = Checksums.sha1Hex(file);
        String sha256 = Checksums.sha256Hex(file);
        Files.writeString(
                dir.resolve("build.yml"),
                "id: " + id + "\nbucket: devel\npackages:\n  - type: SRPM\n"
                        + "    file: " + file.getFileName() + "\n    size: " + size + "\n    sha1sum: " + sha1
                        + "\n    sha256sum: " + sha256 + "\n");
    }
}
