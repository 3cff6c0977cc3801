package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Map;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.store.JobFilter;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.JobListView;
import org.pkgforge.webapp.view.Templates;

/**
 * {@code /jobs?state=S&submitter=U&bucket=B&platform=P&package=N&from=D&to=D&page=N}: jobs newest
 * first, a page at a time, optionally only those matching every given filter ({@link JobFilter});
 * {@code ?mine} is the logged-in user's jobs.
 */
public final class JobListPage implements HttpHandler {
    static final int PAGE_SIZE = 50;
    // Far beyond any real farm; keeps the OFFSET arithmetic away from overflow.
    private static final int MAX_PAGE = 1_000_000;
    // The widest of the filtered columns (job.submitter, job.bucket) is 100 characters; a package
    // name may be longer in theory, but not one anyone types into a form.
    private static final int MAX_FILTER = 100;

    private final WebStore store;
    private final Templates templates;

    public JobListPage(WebStore store, Templates templates) {
        this.store = store;
        this.templates = templates;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Map<String, Deque<String>> query = exchange.getQueryParameters();
        int page = page(query.get("page"));
        JobFilter filter = filter(query);
        if (query.containsKey("mine")) {
            String me = Visitor.of(exchange).getName();
            if (me == null) {
                throw new HttpFailure(401, "log in to see your own jobs: run `pkgforge web-login`");
            }
            filter = filter.withSubmitter(me);
        }
        JobListView view =
                JobListView.of(store.jobs(filter, PAGE_SIZE, (long) (page - 1) * PAGE_SIZE), filter, page, PAGE_SIZE);
        Responses.html(exchange, 200, templates.render("jobs.ftlh", view, Visitor.of(exchange)));
    }

    private static JobFilter filter(Map<String, Deque<String>> query) {
        try {
            return new JobFilter(
                    first(query, "state"),
                    first(query, "submitter"),
                    first(query, "bucket"),
                    first(query, "platform"),
                    first(query, "package"),
                    JobFilter.date("from", first(query, "from")),
                    JobFilter.date("to", first(query, "to")));
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, e.getMessage());
        }
    }

    private static String first(Map<String, Deque<String>> query, String name) {
        Deque<String> values = query.get(name);
        String value = values == null || values.isEmpty() ? null : values.getFirst();
        if (value != null && value.length() > MAX_FILTER) {
            throw new HttpFailure(400, name + " is longer than " + MAX_FILTER + " characters");
        }
        return value;
    }

    private static int page(Deque<String> values) {
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(values.getFirst());
            if (page >= 1 && page <= MAX_PAGE) {
                return page;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same answer as an out-of-range number.
        }
        throw new HttpFailure(400, "page must be a number from 1 to " + MAX_PAGE);
    }
}
