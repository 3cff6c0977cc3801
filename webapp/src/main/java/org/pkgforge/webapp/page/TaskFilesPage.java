package org.pkgforge.webapp.page;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
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
    private static final Pattern TARGET = Pattern.compile("^[A-Za-z0-9_.+-]+-[A-Za-z0-9_.+-]+$");

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

    private Path find(HttpServerExchange exchange, String name) {
        String jobId = JobIds.require(Routes.pathParam(exchange, "id"));
        String target = Routes.pathParam(exchange, "target");
        if (!TARGET.matcher(target).matches()) {
            throw HttpFailure.notFound("not found");
        }
        return results.regularFile(List.of(jobId, target, name)).orElseThrow(() -> HttpFailure.notFound("not found"));
    }
}
