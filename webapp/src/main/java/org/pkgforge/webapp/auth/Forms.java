package org.pkgforge.webapp.auth;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.util.AttachmentKey;
import java.util.Optional;

/** The fields of a URL-encoded form whose CSRF token {@link Authenticator} checked. */
public final class Forms {
    static final AttachmentKey<FormData> KEY = AttachmentKey.create(FormData.class);

    private final FormData data;

    private Forms(FormData data) {
        this.data = data;
    }

    /** The request's form; refused unless its CSRF token was checked (so never for a multipart body). */
    public static Forms verified(HttpServerExchange exchange) {
        FormData data = exchange.getAttachment(KEY);
        if (data == null || !Visitor.of(exchange).csrfChecked()) {
            throw Csrf.refusal();
        }
        return new Forms(data);
    }

    /** A text field; empty when absent or blank. */
    public Optional<String> field(String name) {
        FormData.FormValue value = data.getFirst(name);
        if (value == null || value.isFileItem() || value.getValue().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.getValue().strip());
    }
}
