package org.pkgforge.webapp.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/** Small helpers for finishing an exchange. */
public final class Responses {
    private Responses() {}

    public static void html(HttpServerExchange exchange, int status, String body) {
        send(exchange, status, "text/html; charset=UTF-8", body);
    }

    public static void text(HttpServerExchange exchange, int status, String body) {
        send(exchange, status, "text/plain; charset=UTF-8", body);
    }

    public static void redirect(HttpServerExchange exchange, String location) {
        exchange.setStatusCode(303);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.endExchange();
    }

    private static void send(HttpServerExchange exchange, int status, String contentType, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
    }
}
