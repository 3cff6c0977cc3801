package org.pkgforge.webapp.api;

import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.page.JobIds;
import org.pkgforge.webapp.page.JobListRequest;
import org.pkgforge.webapp.store.JobListing;
import org.pkgforge.webapp.store.WebStore;

/**
 * {@code GET /api/v1/jobs}, {@code /api/v1/jobs/{id}} and {@code /api/v1/jobs/{id}/tasks/{target}}:
 * the job list, page and task page as JSON, read through the same store and with the same filters.
 * Reading needs no login, as for the pages.
 */
public final class JobsResource {
    static final int DEFAULT_PER_PAGE = 50;
    static final int MAX_PER_PAGE = 200;

    private final WebStore store;

    public JobsResource(WebStore store) {
        this.store = store;
    }

    public void list(HttpServerExchange exchange) {
        JobListRequest request = JobListRequest.of(exchange);
        int perPage =
                JobListRequest.intParam(exchange.getQueryParameters(), "per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE);
        long offset = request.offset(perPage);
        JobListing listing = store.jobs(request.filter(), perPage, offset);
        boolean hasNext = listing.more() || offset + listing.jobs().size() < listing.totalJobs();
        Responses.json(
                exchange,
                200,
                new ApiJson.JobPage(
                        listing.jobs().stream().map(ApiRepresentations::summary).toList(),
                        listing.totalJobs(),
                        listing.more(),
                        request.page(),
                        perPage,
                        hasNext ? Routes.apiJobs(request.filter(), request.page() + 1, perPage) : null));
    }

    public void job(HttpServerExchange exchange) {
        String id = jobId(exchange);
        Responses.json(
                exchange,
                200,
                ApiRepresentations.job(store.job(id).orElseThrow(() -> HttpFailure.notFound("no job " + id))));
    }

    public void task(HttpServerExchange exchange) {
        String id = jobId(exchange);
        String target = JobIds.requireTarget(Routes.pathParam(exchange, "target"));
        Responses.json(
                exchange,
                200,
                ApiRepresentations.task(store.task(id, target)
                        .orElseThrow(() -> HttpFailure.notFound("job " + id + " has no target " + target))));
    }

    static String jobId(HttpServerExchange exchange) {
        return JobIds.require(Routes.pathParam(exchange, "id"));
    }
}
