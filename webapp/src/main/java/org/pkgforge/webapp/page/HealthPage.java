package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;

/** {@code /health}: 200 "ok" while the registry answers, 503 otherwise (for load balancers and probes). */
public final class HealthPage implements HttpHandler {
    private final WebStore store;

    public HealthPage(WebStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (store.healthy()) {
            Responses.text(exchange, 200, "ok");
        } else {
            Responses.text(exchange, 503, "database unavailable");
        }
    }
}
