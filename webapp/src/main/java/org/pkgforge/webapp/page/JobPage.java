package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.JobView;
import org.pkgforge.webapp.view.Templates;

/**
 * {@code /jobs/{id}}: one job with its packages, tasks and skipped targets, and for its owner or an
 * admin the cancel and retry buttons.
 */
public final class JobPage implements HttpHandler {
    private final WebStore store;
    private final Templates templates;

    public JobPage(WebStore store, Templates templates) {
        this.store = store;
        this.templates = templates;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String jobId = JobIds.require(Routes.pathParam(exchange, "id"));
        Visitor visitor = Visitor.of(exchange);
        JobView view = store.job(jobId)
                .map(job -> JobView.of(job, visitor.mayActOn(job.job().submitter())))
                .orElseThrow(() -> HttpFailure.notFound("no job " + jobId));
        Responses.html(exchange, 200, templates.render("job.ftlh", view, visitor));
    }
}
