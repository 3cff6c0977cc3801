package org.pkgforge.webapp.api;

import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.actions.JobActions;
import org.pkgforge.webapp.auth.Acting;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.page.JobIds;
import org.pkgforge.webapp.store.WebStore;

/**
 * {@code POST /api/v1/jobs/{id}/cancel}, {@code /retry} and {@code /tasks/{target}/retry}: the job
 * page's buttons for API clients, on the same {@link JobActions} (owner or admin only). The
 * authenticator has already refused anonymous requests and checked the {@code X-CSRF-Token}
 * header; this refuses again when it did not.
 */
public final class JobControlResource {
    private final WebStore store;
    private final JobActions actions;

    public JobControlResource(WebStore store, JobActions actions) {
        this.store = store;
        this.actions = actions;
    }

    public void cancel(HttpServerExchange exchange) {
        String id = existingJob(exchange);
        changed(exchange, id, Acting.act(() -> actions.cancel(Acting.user(exchange), id)));
    }

    public void retryAll(HttpServerExchange exchange) {
        String id = existingJob(exchange);
        changed(exchange, id, Acting.act(() -> actions.retry(Acting.user(exchange), id, Optional.empty())));
    }

    public void retryTarget(HttpServerExchange exchange) {
        String id = existingJob(exchange);
        String target = JobIds.requireTarget(Routes.pathParam(exchange, "target"));
        changed(exchange, id, Acting.act(() -> actions.retry(Acting.user(exchange), id, Optional.of(target))));
    }

    private String existingJob(HttpServerExchange exchange) {
        if (!Visitor.of(exchange).csrfChecked()) {
            throw new HttpFailure(
                    403, "send the session's CSRF token (GET /api/v1/session) as the X-CSRF-Token header");
        }
        String id = JobsResource.jobId(exchange);
        if (store.job(id).isEmpty()) {
            throw HttpFailure.notFound("no job " + id);
        }
        return id;
    }

    private static void changed(HttpServerExchange exchange, String id, int targets) {
        Responses.json(exchange, 200, new ApiJson.Changed(id, targets, Routes.apiJob(id)));
    }
}
