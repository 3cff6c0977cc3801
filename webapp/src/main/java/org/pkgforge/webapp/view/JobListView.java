package org.pkgforge.webapp.view;

import java.util.List;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.store.JobListItem;
import org.pkgforge.webapp.store.JobListing;

/** The job list page. {@code prevHref} and {@code nextHref} are null at either end. */
public record JobListView(List<Row> jobs, int page, long pages, long totalJobs, String prevHref, String nextHref) {

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
        long pages = Math.max(1, (listing.totalJobs() + pageSize - 1) / pageSize);
        return new JobListView(
                listing.jobs().stream().map(Row::of).toList(),
                page,
                pages,
                listing.totalJobs(),
                page > 1 ? Routes.jobs(Math.min(page - 1, pages)) : null,
                page < pages ? Routes.jobs(page + 1) : null);
    }
}
