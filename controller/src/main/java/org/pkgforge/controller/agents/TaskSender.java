package org.pkgforge.controller.agents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.config.BuildSettings;
import org.pkgforge.controller.metrics.FarmMetrics;
import org.pkgforge.controller.results.ResultStore;
import org.pkgforge.protocol.codec.MessageCodec;
import org.pkgforge.protocol.message.SourceChunk;
import org.pkgforge.protocol.message.TaskAssign;
import org.pkgforge.protocol.message.TaskAssign.SourceFile;
import org.pkgforge.sql.dao.PackageDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.ClaimedTask;
import org.pkgforge.sql.row.TaskDetail;

/**
 * Pushes a claimed task to its agent: the assignment (with the builder and options configured for
 * its bucket and platform), then every source in chunks, in the build order the controller derived.
 */
final class TaskSender {
    private final Jdbi jdbi;
    private final Path acceptedDir;
    private final ResultStore results;
    private final BuildSettings builds;
    private final FarmMetrics metrics;

    TaskSender(Jdbi jdbi, Path acceptedDir, ResultStore results, BuildSettings builds, FarmMetrics metrics) {
        this.jdbi = jdbi;
        this.acceptedDir = acceptedDir;
        this.results = results;
        this.builds = builds;
        this.metrics = metrics;
    }

    void send(AgentSession session, ClaimedTask claim) throws IOException, InterruptedException {
        TaskDetail task = jdbi.onDemand(TaskDao.class).detail(claim.taskId()).orElseThrow();
        results.beginAttempt(task.jobUuid(), task.target(), claim.attempt());
        List<SourceFile> sources = jdbi.onDemand(PackageDao.class).forJob(task.jobId()).stream()
                .map(p -> new SourceFile(p.file(), p.size(), p.sha256sum()))
                .toList();
        BuildSettings.Resolved build = builds.forTarget(task.bucket(), task.platform(), task.arch());
        session.send(new TaskAssign(
                claim.taskId(),
                claim.attempt(),
                task.jobUuid(),
                task.bucket(),
                task.platform(),
                task.arch(),
                build.builder(),
                build.options(),
                sources));
        metrics.dispatched(claim.taskId(), claim.attempt());
        Path jobDir = acceptedDir.resolve(task.jobUuid());
        byte[] buffer = new byte[MessageCodec.MAX_CHUNK];
        for (SourceFile source : sources) {
            try (InputStream in = Files.newInputStream(jobDir.resolve(source.name()))) {
                long offset = 0;
                int n;
                do {
                    n = in.readNBytes(buffer, 0, buffer.length);
                    session.awaitWritable();
                    session.send(new SourceChunk(
                            claim.taskId(), claim.attempt(), source.name(), offset, Arrays.copyOf(buffer, n)));
                    offset += n;
                } while (n == buffer.length);
            }
        }
    }
}
