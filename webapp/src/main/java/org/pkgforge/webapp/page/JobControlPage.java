package org.pkgforge.webapp.page;

import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.actions.JobActions;
import org.pkgforge.webapp.auth.Acting;
import org.pkgforge.webapp.auth.Forms;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;

/**
 * The job page's buttons: {@code POST /jobs/{id}/cancel}, {@code /jobs/{id}/retry} and
 * {@code /jobs/{id}/tasks/{target}/retry}. The farm's job service decides who may (the owner or an
 * admin) and what changes; this only finds the job and shows the answer.
 */
public final class JobControlPage {
    private final WebStore store;
    private final JobActions actions;

    public JobControlPage(WebStore store, JobActions actions) {
        this.store = store;
        this.actions = actions;
    }

    public void cancel(HttpServerExchange exchange) {
        String jobId = existingJob(exchange);
        Acting.act(() -> actions.cancel(Acting.user(exchange), jobId));
        Responses.redirect(exchange, Routes.job(jobId));
    }

    public void retryAll(HttpServerExchange exchange) {
        String jobId = existingJob(exchange);
        Acting.act(() -> actions.retry(Acting.user(exchange), jobId, Optional.empty()));
        Responses.redirect(exchange, Routes.job(jobId));
    }

    public void retryTarget(HttpServerExchange exchange) {
        String jobId = existingJob(exchange);
        String target = JobIds.requireTarget(Routes.pathParam(exchange, "target"));
        Acting.act(() -> actions.retry(Acting.user(exchange), jobId, Optional.of(target)));
        Responses.redirect(exchange, Routes.job(jobId));
    }

    private String existingJob(HttpServerExchange exchange) {
        Forms.verified(exchange);
        String jobId = JobIds.require(Routes.pathParam(exchange, "id"));
        if (store.job(jobId).isEmpty()) {
            throw HttpFailure.notFound("no job " + jobId);
        }
        return jobId;
    }
}
