package org.pkgforge.webapp.page.admin;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.Templates;
import org.pkgforge.webapp.view.admin.QueueView;

/** {@code /admin/queue}: waiting tasks per platform in claim order, and the agents that could take them. */
public final class QueuePage implements HttpHandler {
    /** Enough to see what is next; the count says how many more wait. */
    static final int PER_PLATFORM = 200;

    private final WebStore store;
    private final Templates templates;

    public QueuePage(WebStore store, Templates templates) {
        this.store = store;
        this.templates = templates;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        QueueView view = QueueView.of(store.queue(PER_PLATFORM));
        Responses.html(exchange, 200, templates.render("admin/queue.ftlh", view, Visitor.of(exchange)));
    }
}
