package org.pkgforge.webapp.store;

import java.util.List;

/** One page of the job list plus the total, so the pager knows where the end is. */
public record JobListing(List<JobListItem> jobs, long totalJobs) {}
