package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.Deque;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.logs.LogStreams;
import org.pkgforge.webapp.logs.LogTailer;
import org.pkgforge.webapp.store.WebStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /jobs/{id}/tasks/{target}/log/events}: the task's build log as Server-Sent Events, from the
 * {@code Last-Event-ID} the browser resends on reconnect, else {@code ?from=}, else the start.
 */
public final class LogEventsPage implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(LogEventsPage.class);
    private static final HttpString LAST_EVENT_ID = new HttpString("Last-Event-ID");

    private final WebStore store;
    private final TaskFilesPage files;
    private final LogStreams streams;
    private final LogTailer.Limits limits;

    public LogEventsPage(WebStore store, TaskFilesPage files, LogStreams streams, LogTailer.Limits limits) {
        this.store = store;
        this.files = files;
        this.streams = streams;
        this.limits = limits;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException, InterruptedException {
        String jobId = JobIds.require(Routes.pathParam(exchange, "id"));
        String target = JobIds.requireTarget(Routes.pathParam(exchange, "target"));
        long from = from(exchange);
        if (store.taskLogLive(jobId, target).isEmpty()) {
            throw HttpFailure.notFound("no task " + target + " in job " + jobId);
        }
        if (!streams.tryOpen()) {
            throw new HttpFailure(503, "too many live log viewers; reload later");
        }
        try {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream; charset=UTF-8");
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            LogTailer tailer = new LogTailer(
                    () -> files.buildLog(jobId, target),
                    () -> store.taskLogLive(jobId, target).orElse(false),
                    streams,
                    limits);
            tailer.stream(exchange.getOutputStream(), from);
        } catch (IOException e) {
            // The viewer closed the page: the usual way a stream ends.
            log.debug("log stream of {}/{} ended: {}", jobId, target, e.toString());
        } finally {
            streams.release();
        }
    }

    private static long from(HttpServerExchange exchange) {
        String resume = exchange.getRequestHeaders().getFirst(LAST_EVENT_ID);
        Deque<String> query = exchange.getQueryParameters().get("from");
        String value = resume != null && !resume.isBlank() ? resume : query == null ? "0" : query.getFirst();
        try {
            long from = Long.parseLong(value.trim());
            if (from >= 0) {
                return from;
            }
        } catch (NumberFormatException e) {
            // Same answer as a negative offset.
        }
        throw new HttpFailure(400, "from must be a byte offset");
    }
}
