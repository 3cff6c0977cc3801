package org.pkgforge.controller.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.results.ResultStore;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.TaskDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a successful task's binary packages into its bucket's repository (RPMs with
 * createrepo_c; .debs with apt-ftparchive for the Debian builders), then marks the task
 * published. A task is one whole set, so a success means every package of the set built. Tasks
 * left unpublished by a crash are published again at start-up (publishing is idempotent).
 */
public final class PublishService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PublishService.class);

    private final ControllerConfig config;
    private final Jdbi jdbi;
    private final ResultStore results;
    private final RepoPublisher publisher;
    private final DebRepoPublisher debPublisher = new DebRepoPublisher();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "publisher");
        t.setDaemon(true);
        return t;
    });

    public PublishService(ControllerConfig config, Jdbi jdbi, ResultStore results, RepoPublisher publisher) {
        this.config = config;
        this.jdbi = jdbi;
        this.results = results;
        this.publisher = publisher;
    }

    public void publishLater(long taskId) {
        executor.execute(() -> publishNow(taskId));
    }

    public void resumeUnpublished() {
        jdbi.onDemand(TaskDao.class).unpublishedSuccesses().forEach(this::publishLater);
    }

    void publishNow(long taskId) {
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        TaskDetail task = tasks.detail(taskId).orElseThrow();
        Path repo = config.repoFor(task.bucket(), task.platform(), task.arch());
        boolean debian = config.builds().resolve(task.bucket(), task.platform()).debian();
        try {
            List<Path> rpms;
            try (var files = Files.list(results.targetDir(task.jobUuid(), task.target()))) {
                rpms = files.filter(f -> {
                            String n = f.getFileName().toString();
                            boolean binary =
                                    debian ? n.endsWith(".deb") : n.endsWith(".rpm") && !n.endsWith(".src.rpm");
                            return binary && ResultStore.isRegularFile(f);
                        })
                        .sorted()
                        .toList();
            }
            Optional<GpgSigner> signer =
                    config.signing().keyFor(task.bucket(), task.platform()).map(GpgSigner::new);
            if (debian) {
                debPublisher.publish(repo, rpms, signer);
            } else {
                publisher.publish(repo, rpms, signer);
            }
            tasks.markPublished(taskId);
            log.info("job {} {}: published {} package(s) to {}", task.jobUuid(), task.target(), rpms.size(), repo);
        } catch (IOException | RuntimeException e) {
            log.error("job {} {}: publishing to {} failed: {}", task.jobUuid(), task.target(), repo, e.getMessage(), e);
            tasks.notePublishFailure(taskId, "publish failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
