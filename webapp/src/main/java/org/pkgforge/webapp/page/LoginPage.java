package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.actions.WebLogins;
import org.pkgforge.webapp.auth.Authenticator;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;

/**
 * {@code /login/{token}}: the one-time URL {@code pkgforge web-login} prints. Spends the token,
 * starts a session and goes to the user's jobs. A GET, as it is opened from a terminal; the token
 * works once and only for minutes.
 */
public final class LoginPage implements HttpHandler {
    static final String REFUSED =
            "this login link is unknown, already used or expired; run `pkgforge web-login` for a new one";

    private final WebLogins logins;

    public LoginPage(WebLogins logins) {
        this.logins = logins;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String token = Routes.pathParam(exchange, "token");
        if (!token.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new HttpFailure(403, REFUSED);
        }
        String session = logins.redeem(token).orElseThrow(() -> new HttpFailure(403, REFUSED));
        Authenticator.setSessionCookie(exchange, session);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        Responses.redirect(exchange, Routes.MY_JOBS);
    }
}
