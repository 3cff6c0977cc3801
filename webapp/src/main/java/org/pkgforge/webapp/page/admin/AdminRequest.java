package org.pkgforge.webapp.page.admin;

import io.undertow.server.HttpServerExchange;
import java.util.Arrays;
import java.util.List;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.WebUser;
import org.pkgforge.webapp.auth.Forms;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.HttpFailure;

/** What every admin page reads from a request: the admin (AdminOnly let only admins through) and the form. */
final class AdminRequest {
    private final WebUser admin;
    private final Forms form;

    private AdminRequest(WebUser admin, Forms form) {
        this.admin = admin;
        this.form = form;
    }

    /** A POST: its form, whose CSRF token the authenticator checked. */
    static AdminRequest of(HttpServerExchange exchange) {
        WebUser user = Visitor.of(exchange).user().orElseThrow(() -> new HttpFailure(401, "log in first"));
        return new AdminRequest(user, Forms.verified(exchange));
    }

    WebUser admin() {
        return admin;
    }

    /** A text field, stripped; "" when absent. */
    String field(String name) {
        return form.field(name).orElse("");
    }

    /** A required text field. */
    String required(String name, String label) throws Refused {
        String value = field(name);
        if (value.isEmpty()) {
            throw new Refused(Refused.Kind.INVALID, label + " is required");
        }
        return value;
    }

    boolean checked(String name) {
        return form.field(name).isPresent();
    }

    /** Comma- or space-separated, as on the command line. */
    static List<String> list(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** A change the farm may refuse; a refusal is shown on the page with its status. */
    interface Change {
        void run() throws Refused;
    }
}
