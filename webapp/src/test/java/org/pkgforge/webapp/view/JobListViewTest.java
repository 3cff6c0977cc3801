package org.pkgforge.webapp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pkgforge.webapp.store.JobFilter;
import org.pkgforge.webapp.store.JobListItem;
import org.pkgforge.webapp.store.JobListing;

class JobListViewTest {
    private static final JobListItem JOB = new JobListItem("j1", null, "main", "registered", Instant.EPOCH, 3, 2);

    @Test
    void firstPageLinksOnlyForward() {
        JobListView view = JobListView.of(new JobListing(List.of(JOB), 120), 1, 50);
        assertThat(view.pages()).isEqualTo(3);
        assertThat(view.prevHref()).isNull();
        assertThat(view.nextHref()).isEqualTo("/jobs?page=2");
        assertThat(view.jobs().get(0).tasks()).isEqualTo("2/3 success");
        assertThat(view.jobs().get(0).submitter()).isEmpty();
    }

    @Test
    void lastPageAndBeyondLinkBackOnly() {
        assertThat(JobListView.of(new JobListing(List.of(JOB), 120), 3, 50).nextHref())
                .isNull();
        JobListView beyond = JobListView.of(new JobListing(List.of(), 120), 9, 50);
        assertThat(beyond.prevHref()).isEqualTo("/jobs?page=3");
        assertThat(beyond.nextHref()).isNull();
    }

    @Test
    void pagerLinksKeepTheFilterEncoded() {
        JobFilter filter = new JobFilter("fail", "a b&c", " ");
        JobListView view = JobListView.of(new JobListing(List.of(JOB), 120), filter, 2, 50);
        assertThat(view.prevHref()).isEqualTo("/jobs?state=fail&submitter=a+b%26c");
        assertThat(view.nextHref()).isEqualTo("/jobs?state=fail&submitter=a+b%26c&page=3");
        assertThat(view.bucket()).isEmpty();
        assertThat(view.filtered()).isTrue();
    }

    @Test
    void emptyRegistryIsOnePage() {
        JobListView view = JobListView.of(new JobListing(List.of(), 0), 1, 50);
        assertThat(view.pages()).isEqualTo(1);
        assertThat(view.prevHref()).isNull();
        assertThat(view.nextHref()).isNull();
    }
}
