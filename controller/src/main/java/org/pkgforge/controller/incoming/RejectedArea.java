package org.pkgforge.controller.incoming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.row.NewJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where refused jobs go: {@code rejected/<id>.<time>.<rand>/} with a REASON file, and, when the
 * id can be recorded, a job row with status {@code invalid} and the reason (shown on the web).
 * Nothing is deleted unread.
 */
final class RejectedArea {
    private static final Logger log = LoggerFactory.getLogger(RejectedArea.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Jdbi jdbi;
    private final Clock clock;

    RejectedArea(Path dir, Jdbi jdbi, Clock clock) {
        this.dir = dir;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records the rejection (when the id can be recorded) and moves the entry aside with a REASON file. */
    IncomingProcessor.Result reject(Path entry, String recordableId, String submitter, String reason)
            throws IOException {
        log.warn("rejected {}: {}", entry.getFileName(), reason);
        if (recordableId != null) {
            // Unless taken meanwhile by a concurrent registration of the same id: that job stands.
            jdbi.useHandle(h -> h.attach(JobDao.class)
                    .insertUnlessTaken(new NewJob(
                            recordableId, "", submitter, "invalid", reason, List.of(), List.of(), List.of(), 0)));
        }
        setAside(entry, reason);
        return new IncomingProcessor.Result(IncomingProcessor.Outcome.REJECTED, recordableId, reason);
    }

    /** Moves a file or tree into the rejected area with the reason next to it. */
    void setAside(Path entry, String reason) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(entry.getFileName() + "." + STAMP.format(clock.instant()) + "."
                + UUID.randomUUID().toString().substring(0, 8));
        Trees.move(entry, target);
        Path reasonFile = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                ? target.resolve("REASON")
                : target.resolveSibling(target.getFileName() + ".REASON");
        Files.writeString(reasonFile, reason + "\n");
    }
}
