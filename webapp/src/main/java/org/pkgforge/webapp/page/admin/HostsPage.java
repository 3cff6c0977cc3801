package org.pkgforge.webapp.page.admin;

import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Optional;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.actions.AdminActions;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.Templates;
import org.pkgforge.webapp.view.admin.HostConfirmView;
import org.pkgforge.webapp.view.admin.HostsView;
import org.pkgforge.webapp.view.admin.HostsView.HostForm;

/**
 * {@code /admin/hosts}: the build hosts, and adding one in two steps as {@code pkgforge host add}
 * does: the form is probed for the host's key (nothing is stored), the admin is shown its
 * fingerprint, and confirming posts exactly that key back to be pinned. Each host's row changes
 * its slots and platforms as {@code pkgforge host set} does.
 */
public final class HostsPage {
    private final WebStore store;
    private final AdminActions actions;
    private final Templates templates;

    public HostsPage(WebStore store, AdminActions actions, Templates templates) {
        this.store = store;
        this.actions = actions;
        this.templates = templates;
    }

    public void list(HttpServerExchange exchange) {
        show(exchange, 200, HostForm.EMPTY, null, null);
    }

    public void probe(HttpServerExchange exchange) {
        AdminRequest request = AdminRequest.of(exchange);
        HostForm form = form(request);
        try {
            AdminActions.OfferedKey key = actions.probeHost(request.admin(), hostRequest(form));
            Responses.html(
                    exchange,
                    200,
                    templates.render("admin/host-confirm.ftlh", HostConfirmView.of(form, key), Visitor.of(exchange)));
        } catch (Refused e) {
            show(exchange, e.kind().status(), form, e.getMessage(), null);
        }
    }

    public void confirm(HttpServerExchange exchange) {
        AdminRequest request = AdminRequest.of(exchange);
        HostForm form = form(request);
        try {
            String key = request.required("host_key", "the confirmed host key");
            Optional<String> warning = actions.addHost(request.admin(), hostRequest(form), key);
            show(
                    exchange,
                    200,
                    HostForm.EMPTY,
                    null,
                    "added build host " + form.name()
                            + warning.map(w -> "; " + w).orElse(""));
        } catch (Refused e) {
            show(exchange, e.kind().status(), form, e.getMessage(), null);
        }
    }

    public void enable(HttpServerExchange exchange) {
        AdminRequest request = AdminRequest.of(exchange);
        change(exchange, () -> actions.setHostEnabled(request.admin(), host(exchange), true));
    }

    public void disable(HttpServerExchange exchange) {
        AdminRequest request = AdminRequest.of(exchange);
        change(exchange, () -> actions.setHostEnabled(request.admin(), host(exchange), false));
    }

    public void remove(HttpServerExchange exchange) {
        AdminRequest request = AdminRequest.of(exchange);
        change(exchange, () -> actions.removeHost(request.admin(), host(exchange)));
    }

    public void pin(HttpServerExchange exchange) {
        AdminRequest request = AdminRequest.of(exchange);
        String host = host(exchange);
        try {
            String key = request.required("host_key", "the offered host key");
            Optional<String> warning = actions.pinHostKey(request.admin(), host, key);
            show(
                    exchange,
                    200,
                    HostForm.EMPTY,
                    null,
                    "re-pinned the host key of " + host
                            + warning.map(w -> "; " + w).orElse(""));
        } catch (Refused e) {
            show(exchange, e.kind().status(), HostForm.EMPTY, e.getMessage(), null);
        }
    }

    /** The row's change form: slots and the whole platform list, as {@code pkgforge host set}. */
    public void change(HttpServerExchange exchange) {
        AdminRequest request = AdminRequest.of(exchange);
        String host = host(exchange);
        try {
            int slots = slots(request.required("slots", "the slots"));
            List<String> platforms = AdminRequest.list(request.required("platforms", "at least one platform"));
            String changed = actions.changeHost(request.admin(), host, slots, platforms);
            show(exchange, 200, HostForm.EMPTY, null, "build host " + host + ": " + changed);
        } catch (Refused e) {
            show(exchange, e.kind().status(), HostForm.EMPTY, e.getMessage(), null);
        }
    }

    private void change(HttpServerExchange exchange, AdminRequest.Change change) {
        try {
            change.run();
            Responses.redirect(exchange, Routes.ADMIN_HOSTS);
        } catch (Refused e) {
            show(exchange, e.kind().status(), HostForm.EMPTY, e.getMessage(), null);
        }
    }

    private static String host(HttpServerExchange exchange) {
        return Routes.pathParam(exchange, "host");
    }

    private static HostForm form(AdminRequest request) {
        return new HostForm(
                request.field("name"),
                request.field("ssh"),
                request.field("platforms"),
                request.field("slots"),
                request.field("work_dir"),
                request.field("java"));
    }

    private static AdminActions.HostRequest hostRequest(HostForm form) throws Refused {
        return new AdminActions.HostRequest(
                form.name(),
                form.ssh(),
                AdminRequest.list(form.platforms()),
                form.slots().isEmpty() ? 1 : slots(form.slots()),
                form.workDir().isEmpty() ? null : form.workDir(),
                form.javaCommand().isEmpty() ? null : form.javaCommand());
    }

    private static int slots(String field) throws Refused {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new Refused(Refused.Kind.INVALID, "slots must be a whole number, not '" + field + "'");
        }
    }

    private void show(HttpServerExchange exchange, int status, HostForm form, String error, String notice) {
        HostsView view = HostsView.of(store.agents(), form, actions.controllerKey(), error, notice);
        Responses.html(exchange, status, templates.render("admin/hosts.ftlh", view, Visitor.of(exchange)));
    }
}
