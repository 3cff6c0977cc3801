package org.pkgforge.webapp.api;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;

/**
 * {@code GET /api/v1/session}, {@code /platforms}, {@code /hosts} (admins) and {@code
 * /openapi.json}: who is asking, the farm's platforms and hosts, and the API's own description.
 */
public final class FarmResource {
    /** The OpenAPI 3 document on the classpath; {@code OpenApiDocumentTest} keeps it in step with Routes. */
    public static final String DOCUMENT = "api/openapi.json";

    private final WebStore store;
    private final String document;

    public FarmResource(WebStore store) {
        this.store = store;
        this.document = load();
    }

    public void session(HttpServerExchange exchange) {
        Visitor v = Visitor.of(exchange);
        // The CSRF token must not land in a shared cache.
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CACHE_CONTROL, "no-store");
        Responses.json(exchange, 200, new ApiJson.Session(v.getName(), v.isAdmin(), v.getCsrf()));
    }

    public void platforms(HttpServerExchange exchange) {
        Responses.json(
                exchange,
                200,
                store.platforms().platforms().stream()
                        .map(ApiRepresentations::platform)
                        .toList());
    }

    public void hosts(HttpServerExchange exchange) {
        Visitor v = Visitor.of(exchange);
        if (v.user().isEmpty()) {
            throw new HttpFailure(401, "log in first: run `pkgforge web-login`");
        }
        if (!v.isAdmin()) {
            throw new HttpFailure(403, "build hosts are for admins only");
        }
        Responses.json(
                exchange,
                200,
                store.agents().stream().map(ApiRepresentations::host).toList());
    }

    public void openApi(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(document, StandardCharsets.UTF_8);
    }

    private static String load() {
        try (InputStream in = FarmResource.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
