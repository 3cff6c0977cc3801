package org.pkgforge.webapp.page.admin;

import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.actions.AdminActions;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.Templates;
import org.pkgforge.webapp.view.admin.PlatformsView;

/**
 * {@code /admin/platforms}: list, add (inactive, as {@code pkgforge platform add}), activate,
 * deactivate (which also clears auto) and set or unset auto. Each button posts the platform's
 * {@code name} and {@code arch}.
 */
public final class PlatformsPage {
    private final WebStore store;
    private final AdminActions actions;
    private final Templates templates;

    public PlatformsPage(WebStore store, AdminActions actions, Templates templates) {
        this.store = store;
        this.actions = actions;
        this.templates = templates;
    }

    public void list(HttpServerExchange exchange) {
        show(exchange, 200, "", "", null);
    }

    public void add(HttpServerExchange exchange) {
        AdminRequest r = AdminRequest.of(exchange);
        change(exchange, r, () -> actions.addPlatform(r.admin(), name(r), arch(r)));
    }

    public void activate(HttpServerExchange exchange) {
        AdminRequest r = AdminRequest.of(exchange);
        change(exchange, r, () -> actions.setPlatformActive(r.admin(), name(r), arch(r), true));
    }

    public void deactivate(HttpServerExchange exchange) {
        AdminRequest r = AdminRequest.of(exchange);
        change(exchange, r, () -> actions.setPlatformActive(r.admin(), name(r), arch(r), false));
    }

    public void setAuto(HttpServerExchange exchange) {
        AdminRequest r = AdminRequest.of(exchange);
        change(exchange, r, () -> actions.setPlatformAuto(r.admin(), name(r), arch(r), true));
    }

    public void unsetAuto(HttpServerExchange exchange) {
        AdminRequest r = AdminRequest.of(exchange);
        change(exchange, r, () -> actions.setPlatformAuto(r.admin(), name(r), arch(r), false));
    }

    private void change(HttpServerExchange exchange, AdminRequest request, AdminRequest.Change change) {
        try {
            change.run();
            Responses.redirect(exchange, Routes.ADMIN_PLATFORMS);
        } catch (Refused e) {
            show(exchange, e.kind().status(), request.field("name"), request.field("arch"), e.getMessage());
        }
    }

    private static String name(AdminRequest r) throws Refused {
        return r.required("name", "the platform name");
    }

    private static String arch(AdminRequest r) throws Refused {
        return r.required("arch", "the architecture");
    }

    private void show(HttpServerExchange exchange, int status, String name, String arch, String error) {
        PlatformsView view = PlatformsView.of(store.platforms(), name, arch, error);
        Responses.html(exchange, status, templates.render("admin/platforms.ftlh", view, Visitor.of(exchange)));
    }
}
