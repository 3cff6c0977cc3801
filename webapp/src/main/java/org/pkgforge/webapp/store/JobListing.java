package org.pkgforge.webapp.store;

import java.util.List;

/**
 * One page of the job list plus the total, so the pager knows where the end is. When {@code more}
 * is set, counting stopped at {@code totalJobs} and more jobs match.
 */
public record JobListing(List<JobListItem> jobs, long totalJobs, boolean more) {
    public JobListing(List<JobListItem> jobs, long totalJobs) {
        this(jobs, totalJobs, false);
    }
}
