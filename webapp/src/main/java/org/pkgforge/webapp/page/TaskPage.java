package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.logs.BuildLog;
import org.pkgforge.webapp.store.TaskDetails;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.TaskPageView;
import org.pkgforge.webapp.view.Templates;

/**
 * {@code /jobs/{id}/tasks/{target}}: one task with its attempts, products and its build log, which
 * the page follows live; a long log opens at its tail.
 */
public final class TaskPage implements HttpHandler {
    private final WebStore store;
    private final TaskFilesPage files;
    private final Templates templates;

    public TaskPage(WebStore store, TaskFilesPage files, Templates templates) {
        this.store = store;
        this.files = files;
        this.templates = templates;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        String jobId = JobIds.require(Routes.pathParam(exchange, "id"));
        String target = JobIds.requireTarget(Routes.pathParam(exchange, "target"));
        TaskDetails task = store.task(jobId, target)
                .orElseThrow(() -> HttpFailure.notFound("no task " + target + " in job " + jobId));
        TaskPageView view = TaskPageView.of(task, tailStart(files.buildLog(jobId, target)));
        Responses.html(exchange, 200, templates.render("task.ftlh", view, Visitor.of(exchange)));
    }

    private static long tailStart(Optional<Path> log) throws IOException {
        if (log.isEmpty()) {
            return 0;
        }
        try (SeekableByteChannel channel =
                Files.newByteChannel(log.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return new BuildLog(channel, BuildLog.TAIL_WINDOW).tailStart();
        } catch (NoSuchFileException e) {
            return 0; // moved aside for a new attempt since it was found
        }
    }
}
