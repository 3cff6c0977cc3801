package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.JobListView;
import org.pkgforge.webapp.view.Templates;

/**
 * {@code /jobs?state=S&submitter=U&bucket=B&platform=P&package=N&from=D&to=D&page=N}: jobs newest
 * first, a page at a time, optionally only those matching every given filter ({@link JobFilter});
 * {@code ?mine} is the logged-in user's jobs.
 */
public final class JobListPage implements HttpHandler {
    static final int PAGE_SIZE = 50;

    private final WebStore store;
    private final Templates templates;

    public JobListPage(WebStore store, Templates templates) {
        this.store = store;
        this.templates = templates;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        JobListRequest request = JobListRequest.of(exchange);
        JobListView view = JobListView.of(
                store.jobs(request.filter(), PAGE_SIZE, request.offset(PAGE_SIZE)),
                request.filter(),
                request.page(),
                PAGE_SIZE);
        Responses.html(exchange, 200, templates.render("jobs.ftlh", view, Visitor.of(exchange)));
    }
}
