package org.pkgforge.webapp.page;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.files.FileResponses;
import org.pkgforge.webapp.files.SafeRoot;
import org.pkgforge.webapp.http.HttpFailure;

/**
 * A task's build log and products, from {@code <results>/<job id>/<platform>-<arch>/}. Every part
 * of the path comes from the URL and is checked by {@link SafeRoot}; failures are all a plain 404 so
 * probing reveals nothing about the disk.
 */
public final class TaskFilesPage {
    static final String LOG_FILE = "build.log";

    private final SafeRoot results;

    public TaskFilesPage(SafeRoot results) {
        this.results = results;
    }

    /** {@code /jobs/{id}/tasks/{target}/log}, always as UTF-8 text so a log cannot turn into a page. */
    public void log(HttpServerExchange exchange) throws IOException {
        FileResponses.send(exchange, find(exchange, LOG_FILE), FileResponses.TEXT_UTF8);
    }

    /** {@code /jobs/{id}/tasks/{target}/files/{name}}. */
    public void file(HttpServerExchange exchange) throws IOException {
        String name = Routes.pathParam(exchange, "name");
        FileResponses.send(exchange, find(exchange, name), FileResponses.contentTypeOf(name));
    }

    /** The task's build.log, if it exists yet. */
    Optional<Path> buildLog(String jobId, String target) {
        return results.regularFile(List.of(jobId, target, LOG_FILE));
    }

    private Path find(HttpServerExchange exchange, String name) {
        String jobId = JobIds.require(Routes.pathParam(exchange, "id"));
        String target = JobIds.requireTarget(Routes.pathParam(exchange, "target"));
        return results.regularFile(List.of(jobId, target, name)).orElseThrow(() -> HttpFailure.notFound("not found"));
    }
}
