package org.pkgforge.webapp.page.admin;

import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.actions.AdminActions;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.WebUser;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.Templates;
import org.pkgforge.webapp.view.admin.UsersView;

/**
 * {@code /admin/users}: users and their key fingerprints; add a user with their first key, add a
 * key, revoke one (new SSH sessions with it are refused at once), grant or revoke the admin flag.
 * Keys are pasted as one authorized_keys line.
 */
public final class UsersPage {
    private final WebStore store;
    private final AdminActions actions;
    private final Templates templates;

    public UsersPage(WebStore store, AdminActions actions, Templates templates) {
        this.store = store;
        this.actions = actions;
        this.templates = templates;
    }

    public void list(HttpServerExchange exchange) {
        show(exchange, 200, "", "", false, null, null);
    }

    public void add(HttpServerExchange exchange) {
        AdminRequest r = AdminRequest.of(exchange);
        String name = r.field("name");
        try {
            actions.addUser(r.admin(), r.required("name", "the user name"), r.checked("admin"), key(r));
            show(exchange, 200, "", "", false, null, "added user " + name);
        } catch (Refused e) {
            show(exchange, e.kind().status(), name, r.field("key"), r.checked("admin"), e.getMessage(), null);
        }
    }

    public void addKey(HttpServerExchange exchange) {
        AdminRequest r = AdminRequest.of(exchange);
        String user = Routes.pathParam(exchange, "user");
        change(exchange, () -> actions.addKey(r.admin(), user, key(r)));
    }

    public void revokeKey(HttpServerExchange exchange) {
        AdminRequest r = AdminRequest.of(exchange);
        String user = Routes.pathParam(exchange, "user");
        change(exchange, () -> actions.revokeKey(r.admin(), user, r.required("fingerprint", "the key fingerprint")));
    }

    public void grantAdmin(HttpServerExchange exchange) {
        setAdmin(exchange, true);
    }

    /** Refused for the admin's own flag, so the pages always keep an admin. */
    public void revokeAdmin(HttpServerExchange exchange) {
        setAdmin(exchange, false);
    }

    private void setAdmin(HttpServerExchange exchange, boolean admin) {
        AdminRequest r = AdminRequest.of(exchange);
        String user = Routes.pathParam(exchange, "user");
        try {
            actions.setUserAdmin(r.admin(), user, admin);
            show(exchange, 200, "", "", false, null, user + (admin ? " is an admin now" : " is no longer an admin"));
        } catch (Refused e) {
            show(exchange, e.kind().status(), "", "", false, e.getMessage(), null);
        }
    }

    private static String key(AdminRequest r) throws Refused {
        return r.required("key", "the public key");
    }

    private void change(HttpServerExchange exchange, AdminRequest.Change change) {
        try {
            change.run();
            Responses.redirect(exchange, Routes.ADMIN_USERS);
        } catch (Refused e) {
            show(exchange, e.kind().status(), "", "", false, e.getMessage(), null);
        }
    }

    private void show(
            HttpServerExchange exchange,
            int status,
            String name,
            String key,
            boolean admin,
            String error,
            String notice) {
        String viewer = Visitor.of(exchange).user().map(WebUser::name).orElse("");
        UsersView view = UsersView.of(store.users(), viewer, name, key, admin, error, notice);
        Responses.html(exchange, status, templates.render("admin/users.ftlh", view, Visitor.of(exchange)));
    }
}
