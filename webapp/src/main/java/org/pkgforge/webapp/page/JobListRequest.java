package org.pkgforge.webapp.page;

import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Map;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.store.JobFilter;

/**
 * What a job list request asks for, read from its query string the same way for the page and the
 * REST API: {@code state, submitter, bucket, platform, package, from, to} ({@link JobFilter}),
 * {@code mine} (the logged-in user's jobs) and {@code page}. Bad values are a 400 naming the field.
 */
public record JobListRequest(JobFilter filter, int page) {
    // Far beyond any real farm; keeps the OFFSET arithmetic away from overflow.
    static final int MAX_PAGE = 1_000_000;
    // The widest of the filtered columns (job.submitter, job.bucket) is 100 characters; a package
    // name may be longer in theory, but not one anyone types into a form.
    private static final int MAX_FILTER = 100;

    public static JobListRequest of(HttpServerExchange exchange) {
        Map<String, Deque<String>> query = exchange.getQueryParameters();
        int page = intParam(query, "page", 1, MAX_PAGE, 1);
        JobFilter filter = filter(query);
        if (query.containsKey("mine")) {
            String me = Visitor.of(exchange).getName();
            if (me == null) {
                throw new HttpFailure(401, "log in to see your own jobs: run `pkgforge web-login`");
            }
            filter = filter.withSubmitter(me);
        }
        return new JobListRequest(filter, page);
    }

    /** The offset of this page's first job for pages of {@code pageSize}. */
    public long offset(int pageSize) {
        return (long) (page - 1) * pageSize;
    }

    /** An integer query parameter from {@code min} to {@code max}; {@code absent} when not given. */
    public static int intParam(Map<String, Deque<String>> query, String name, int min, int max, int absent) {
        Deque<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(values.getFirst());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same answer as an out-of-range number.
        }
        throw new HttpFailure(400, name + " must be a number from " + min + " to " + max);
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
}
