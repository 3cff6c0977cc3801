package org.pkgforge.webapp.auth;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormEncodedDataDefinition;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.pkgforge.webapp.actions.WebLogins;
import org.pkgforge.webapp.actions.WebUser;
import org.pkgforge.webapp.http.HttpFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of every route: finds out who is asking (a session cookie, or a trusted proxy's user
 * header) and refuses every request that is not a GET or HEAD unless it comes from a logged-in
 * user and carries the session's CSRF token. URL-encoded forms and the REST API's
 * {@code X-CSRF-Token} header are checked here; a multipart form is checked by {@link
 * MultipartForm} as its first field, before any of the body is stored.
 */
public final class Authenticator implements HttpHandler {
    public static final String COOKIE = "pkgforge_session";
    static final String LOG_IN_FIRST =
            "log in first: run `pkgforge web-login` (or `ssh -p PORT you@farm pkgforge web-login`) and open the URL"
                    + " it prints";
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final HttpHandler next;
    private final WebLogins logins;
    private final ProxyAuth proxy;

    public Authenticator(HttpHandler next, WebLogins logins, ProxyAuth proxy) {
        this.next = next;
        this.logins = logins;
        this.proxy = proxy;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Visitor visitor = identify(exchange);
        exchange.putAttachment(Visitor.KEY, visitor);
        boolean safe = exchange.getRequestMethod().equals(Methods.GET)
                || exchange.getRequestMethod().equals(Methods.HEAD);
        if (!safe) {
            if (visitor.user().isEmpty()) {
                throw new HttpFailure(401, LOG_IN_FIRST);
            }
            checkUrlEncodedForm(exchange, visitor);
        }
        next.handleRequest(exchange);
    }

    private Visitor identify(HttpServerExchange exchange) {
        Optional<String> cookie = Optional.ofNullable(exchange.getRequestCookie(COOKIE))
                .map(Cookie::getValue)
                .filter(v -> !v.isEmpty());
        String named = exchange.getRequestHeaders().getFirst(proxy.userHeader());
        if (named != null) {
            InetAddress peer = peer(exchange);
            if (proxy.trusts(peer)) {
                return proxied(exchange, named, cookie);
            }
            log.warn("ignoring {} header from {}: not a trusted proxy", proxy.userHeader(), peer.getHostAddress());
        }
        return cookie.flatMap(token -> logins.user(token).map(user -> Visitor.of(user, token)))
                .orElse(Visitor.anonymous());
    }

    /** The proxy's user; their session is reused while it lasts, so the CSRF token stays the same. */
    private Visitor proxied(HttpServerExchange exchange, String name, Optional<String> cookie) {
        Optional<Visitor> current = cookie.flatMap(token ->
                logins.user(token).filter(user -> user.name().equals(name)).map(user -> Visitor.of(user, token)));
        if (current.isPresent()) {
            return current.get();
        }
        Optional<String> token = logins.sessionFor(name);
        Optional<WebUser> user = token.flatMap(logins::user);
        if (user.isEmpty()) {
            log.warn("trusted proxy named {}, who is not a farm user", name.replaceAll("\\p{Cntrl}", "?"));
            return Visitor.anonymous();
        }
        setSessionCookie(exchange, token.get());
        return Visitor.of(user.get(), token.get());
    }

    /** Starts the browser's session: HttpOnly, SameSite=Strict, Secure whenever the request was https. */
    public static void setSessionCookie(HttpServerExchange exchange, String token) {
        exchange.setResponseCookie(cookie(exchange, token));
    }

    public static void clearSessionCookie(HttpServerExchange exchange) {
        exchange.setResponseCookie(cookie(exchange, "").setMaxAge(0));
    }

    private static Cookie cookie(HttpServerExchange exchange, String value) {
        return new CookieImpl(COOKIE, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSiteMode("Strict")
                .setSecure(secure(exchange));
    }

    private static boolean secure(HttpServerExchange exchange) {
        return "https".equalsIgnoreCase(exchange.getRequestScheme())
                || "https".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"));
    }

    private static InetAddress peer(HttpServerExchange exchange) {
        // The TCP peer itself: nothing a client sends (X-Forwarded-For) can change it.
        return ((InetSocketAddress) exchange.getConnection().getPeerAddress()).getAddress();
    }

    private static void checkUrlEncodedForm(HttpServerExchange exchange, Visitor visitor) throws Exception {
        String header = exchange.getRequestHeaders().getFirst(Csrf.HEADER);
        if (header != null) {
            // API clients: a custom header, which no other site's page can add to a request.
            visitor.checkCsrf(header);
            return;
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
        if (type.startsWith(MultipartForm.CONTENT_TYPE)) {
            return; // MultipartForm checks the token before it reads anything else
        }
        FormDataParser parser =
                new FormEncodedDataDefinition().setDefaultEncoding("UTF-8").create(exchange);
        if (parser == null) {
            throw Csrf.refusal();
        }
        FormData form = parser.parseBlocking();
        exchange.putAttachment(Forms.KEY, form);
        FormData.FormValue token = form.getFirst(Csrf.FIELD);
        visitor.checkCsrf(token == null || token.isFileItem() ? null : token.getValue());
    }
}
