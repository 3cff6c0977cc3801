package org.pkgforge.webapp.auth;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Optional;
import org.pkgforge.webapp.actions.WebUser;

/**
 * Who sent a request, as {@link Authenticator} found out: a logged-in user with their session's
 * CSRF token, or anonymous. Templates see it as {@code visitor}.
 */
public final class Visitor {
    static final AttachmentKey<Visitor> KEY = AttachmentKey.create(Visitor.class);
    private static final Visitor ANONYMOUS = new Visitor(null, null, null);

    private final WebUser user;
    private final String sessionToken;
    private final String csrf;
    private boolean csrfChecked;

    private Visitor(WebUser user, String sessionToken, String csrf) {
        this.user = user;
        this.sessionToken = sessionToken;
        this.csrf = csrf;
    }

    static Visitor anonymous() {
        return ANONYMOUS;
    }

    static Visitor of(WebUser user, String sessionToken) {
        return new Visitor(user, sessionToken, Csrf.tokenFor(sessionToken));
    }

    /** The request's visitor; anonymous when the request never passed the authenticator. */
    public static Visitor of(HttpServerExchange exchange) {
        Visitor v = exchange.getAttachment(KEY);
        return v == null ? ANONYMOUS : v;
    }

    public Optional<WebUser> user() {
        return Optional.ofNullable(user);
    }

    /** For templates: the user's name, or null. */
    public String getName() {
        return user == null ? null : user.name();
    }

    public boolean isAdmin() {
        return user != null && user.admin();
    }

    /** For templates: the value of every form's hidden {@code csrf} field (null when anonymous). */
    public String getCsrf() {
        return csrf;
    }

    /** Whether this visitor may cancel or retry a job {@code submitter} submitted. */
    public boolean mayActOn(String submitter) {
        return user != null && user.mayActOn(submitter);
    }

    /** The session cookie's value, for logging out. */
    public Optional<String> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    /** Checks a submitted CSRF token against the session's; refused unless they match. */
    void checkCsrf(String submitted) {
        if (csrf == null || !Csrf.matches(csrf, submitted)) {
            throw Csrf.refusal();
        }
        csrfChecked = true;
    }

    /** Whether the authenticator checked this request's CSRF token (form field or header). */
    public boolean csrfChecked() {
        return csrfChecked;
    }
}
