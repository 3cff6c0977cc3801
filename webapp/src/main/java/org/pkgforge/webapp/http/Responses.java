package org.pkgforge.webapp.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/** Small helpers for finishing an exchange. */
public final class Responses {
    // Records serialise by their accessors; nothing else (no Java serialization, no type ids).
    private static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {}

    /** {@code value} (a record of {@code api.ApiJson}) as UTF-8 JSON. */
    public static void json(HttpServerExchange exchange, int status, Object value) {
        try {
            send(exchange, status, "application/json", JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

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
