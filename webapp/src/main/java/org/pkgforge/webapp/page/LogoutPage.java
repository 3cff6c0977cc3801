package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.actions.WebLogins;
import org.pkgforge.webapp.auth.Authenticator;
import org.pkgforge.webapp.auth.Forms;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.Responses;

/** {@code POST /logout}: ends the session in the registry, not only in this browser. */
public final class LogoutPage implements HttpHandler {
    private final WebLogins logins;

    public LogoutPage(WebLogins logins) {
        this.logins = logins;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Forms.verified(exchange);
        Visitor.of(exchange).sessionToken().ifPresent(logins::logout);
        Authenticator.clearSessionCookie(exchange);
        Responses.redirect(exchange, Routes.JOBS);
    }
}
