package org.pkgforge.controller.uploads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.pkgforge.protocol.job.JobIds;

/**
 * Where one commit holds its upload while it is processed, out of every user's reach:
 * {@code committing/<user>/<job id>.<random>/<job id>}. The names record who committed which job,
 * so a commit a stopped controller left behind is finished at the next start-up.
 */
record CommitHolder(Path dir, String user, String jobId) {
    /** The upload, once moved in. */
    Path entry() {
        return dir.resolve(jobId);
    }

    static CommitHolder create(Path committingDir, String user, String jobId) throws IOException {
        Path dir = Files.createDirectories(committingDir.resolve(user)).resolve(jobId + "." + UUID.randomUUID());
        Files.createDirectory(dir);
        return new CommitHolder(dir, user, jobId);
    }

    /** Every holder under {@code committingDir}: commits that did not finish (or not clean up). */
    static List<CommitHolder> leftOver(Path committingDir) throws IOException {
        List<CommitHolder> holders = new ArrayList<>();
        if (!Files.isDirectory(committingDir, LinkOption.NOFOLLOW_LINKS)) {
            return holders;
        }
        try (Stream<Path> users = Files.list(committingDir)) {
            for (Path user : (Iterable<Path>) users::iterator) {
                if (!Files.isDirectory(user, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (Stream<Path> dirs = Files.list(user)) {
                    for (Path dir : (Iterable<Path>) dirs::iterator) {
                        String name = dir.getFileName().toString();
                        int dot = name.lastIndexOf('.');
                        String jobId = dot > 0 ? name.substring(0, dot) : "";
                        if (JobIds.isValid(jobId) && isUuid(name.substring(dot + 1))) {
                            holders.add(new CommitHolder(dir, user.getFileName().toString(), jobId));
                        }
                    }
                }
            }
        }
        return holders;
    }

    /** Only this layout's names: anything else in committing/ was not left by a commit of this version. */
    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
