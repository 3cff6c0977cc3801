package org.pkgforge.webapp.auth;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.http.HttpFailure;

/**
 * In front of every admin route ({@code Routes} puts it there for each URL under {@code /admin}):
 * anonymous visitors get 401, users without the admin flag 403, reads included.
 */
public final class AdminOnly implements HttpHandler {
    private final HttpHandler next;

    public AdminOnly(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Visitor visitor = Visitor.of(exchange);
        if (visitor.user().isEmpty()) {
            throw new HttpFailure(401, Authenticator.LOG_IN_FIRST);
        }
        if (!visitor.isAdmin()) {
            throw new HttpFailure(
                    403, "admins only: " + visitor.getName() + " is not a farm admin (pkgforge user add --admin)");
        }
        next.handleRequest(exchange);
    }
}
