package org.pkgforge.webapp.view;

import java.util.List;
import java.util.Locale;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.store.JobFilter;
import org.pkgforge.webapp.store.JobListItem;
import org.pkgforge.webapp.store.JobListing;

/**
 * The job list page. {@code prevHref} and {@code nextHref} are null at either end and keep the
 * filter; {@code state} … {@code to} echo it for the form (empty: any). With {@code more}, the
 * count stopped at {@code totalJobs} and the pager shows it, and {@code pages}, as lower bounds
 * ("10,000+").
 */
public record JobListView(
        List<Row> jobs,
        int page,
        long pages,
        long totalJobs,
        boolean more,
        String total,
        String prevHref,
        String nextHref,
        List<String> states,
        String state,
        String submitter,
        String bucket,
        String platform,
        String packageName,
        String from,
        String to,
        boolean filtered) {

    /** One job; {@code submitter} is empty when unknown. */
    public record Row(
            String id, String href, String submitter, String bucket, String status, String submitted, String tasks) {

        static Row of(JobListItem job) {
            return new Row(
                    job.uuid(),
                    Routes.job(job.uuid()),
                    job.submitter() == null ? "" : job.submitter(),
                    job.bucket(),
                    job.status(),
                    Formats.time(job.submittedAt()),
                    Formats.taskCounts(job.succeeded(), job.tasks()));
        }
    }

    public static JobListView of(JobListing listing, int page, int pageSize) {
        return of(listing, JobFilter.NONE, page, pageSize);
    }

    public static JobListView of(JobListing listing, JobFilter filter, int page, int pageSize) {
        long pages = Math.max(1, (listing.totalJobs() + pageSize - 1) / pageSize);
        // A capped count covers at least this page, so "more" always means a next page exists.
        boolean hasNext = page < pages || listing.more();
        return new JobListView(
                listing.jobs().stream().map(Row::of).toList(),
                page,
                pages,
                listing.totalJobs(),
                listing.more(),
                String.format(Locale.ROOT, "%,d", listing.totalJobs()) + (listing.more() ? "+" : ""),
                page > 1 ? Routes.jobs(filter, Math.min(page - 1, pages)) : null,
                hasNext ? Routes.jobs(filter, page + 1) : null,
                JobFilter.STATES,
                orEmpty(filter.state()),
                orEmpty(filter.submitter()),
                orEmpty(filter.bucket()),
                orEmpty(filter.platform()),
                orEmpty(filter.packageName()),
                orEmpty(filter.from()),
                orEmpty(filter.to()),
                !filter.isEmpty());
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }
}
