package org.pkgforge.webapp.auth;

import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.WebUser;
import org.pkgforge.webapp.http.HttpFailure;

/** A logged-in user calling a farm action from a page or the API; a refusal becomes its HTTP status. */
public final class Acting {
    private Acting() {}

    /** One call of a farm action that may refuse. */
    public interface Action {
        int run() throws Refused;
    }

    /** The request's user; the authenticator lets no anonymous request through to a POST route. */
    public static WebUser user(HttpServerExchange exchange) {
        return Visitor.of(exchange).user().orElseThrow(() -> new HttpFailure(401, "log in first"));
    }

    /** Runs the action; returns what it changed, or throws its refusal as an {@link HttpFailure}. */
    public static int act(Action action) {
        try {
            return action.run();
        } catch (Refused e) {
            throw new HttpFailure(e.kind().status(), e.getMessage());
        }
    }
}
