package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.JobListView;
import org.pkgforge.webapp.view.Templates;

/** {@code /jobs?page=N}: all jobs, newest first, a page at a time. */
public final class JobListPage implements HttpHandler {
    static final int PAGE_SIZE = 50;
    // Far beyond any real farm; keeps the OFFSET arithmetic away from overflow.
    private static final int MAX_PAGE = 1_000_000;

    private final WebStore store;
    private final Templates templates;

    public JobListPage(WebStore store, Templates templates) {
        this.store = store;
        this.templates = templates;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        int page = page(exchange.getQueryParameters().get("page"));
        JobListView view = JobListView.of(store.jobs(PAGE_SIZE, (long) (page - 1) * PAGE_SIZE), page, PAGE_SIZE);
        Responses.html(exchange, 200, templates.render("jobs.ftlh", view));
    }

    private static int page(Deque<String> values) {
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(values.getFirst());
            if (page >= 1 && page <= MAX_PAGE) {
                return page;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same answer as an out-of-range number.
        }
        throw new HttpFailure(400, "page must be a number from 1 to " + MAX_PAGE);
    }
}
