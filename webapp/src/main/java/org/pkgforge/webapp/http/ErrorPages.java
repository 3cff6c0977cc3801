package org.pkgforge.webapp.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Map;
import org.pkgforge.webapp.api.ApiJson;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.view.ErrorView;
import org.pkgforge.webapp.view.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Wraps every page: sets the headers that keep served content inert, and turns an {@link
 * HttpFailure} into its error page and anything else into a 500 whose details go only to the log.
 */
public final class ErrorPages implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy",
                    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self';"
                            + " frame-ancestors 'none'",
            "Referrer-Policy", "same-origin",
            "X-Frame-Options", "DENY");

    /** Under this, errors are JSON ({@link ApiJson.Error}) instead of an HTML page. */
    static final String API_PREFIX = "/api/";

    private final HttpHandler next;
    private final Templates templates;

    public ErrorPages(HttpHandler next, Templates templates) {
        this.next = next;
        this.templates = templates;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        SECURITY_HEADERS.forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
        try {
            next.handleRequest(exchange);
        } catch (HttpFailure failure) {
            send(exchange, failure.status(), failure.getMessage());
        } catch (Exception e) {
            log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            send(exchange, 500, "internal error; the details are in the server log");
        }
    }

    private void send(HttpServerExchange exchange, int status, String message) {
        if (exchange.isResponseStarted()) {
            // Too late for an error page; cutting the connection tells the client the body is incomplete.
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.getResponseHeaders().remove(Headers.CONTENT_LENGTH);
        exchange.getResponseHeaders().remove(Headers.CONTENT_DISPOSITION);
        if (exchange.getRequestPath().startsWith(API_PREFIX)) {
            Responses.json(exchange, status, new ApiJson.Error(status, message));
            return;
        }
        Responses.html(
                exchange, status, templates.render("error.ftlh", new ErrorView(status, message), Visitor.of(exchange)));
    }
}
