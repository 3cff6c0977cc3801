package org.pkgforge.webapp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
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
        JobFilter filter = new JobFilter("fail", "a b&c", " ", null, null, null, null);
        JobListView view = JobListView.of(new JobListing(List.of(JOB), 120), filter, 2, 50);
        assertThat(view.prevHref()).isEqualTo("/jobs?state=fail&submitter=a+b%26c");
        assertThat(view.nextHref()).isEqualTo("/jobs?state=fail&submitter=a+b%26c&page=3");
        assertThat(view.bucket()).isEmpty();
        assertThat(view.filtered()).isTrue();
    }

    @Test
    void pagerLinksKeepPlatformPackageAndDates() {
        JobFilter filter = new JobFilter(
                null, null, null, "el9/x86_64", "hello+x", LocalDate.of(2024, 1, 2), LocalDate.of(2024, 3, 4));
        JobListView view = JobListView.of(new JobListing(List.of(JOB), 120), filter, 2, 50);
        String query = "platform=el9%2Fx86_64&package=hello%2Bx&from=2024-01-02&to=2024-03-04";
        assertThat(view.prevHref()).isEqualTo("/jobs?" + query);
        assertThat(view.nextHref()).isEqualTo("/jobs?" + query + "&page=3");
        assertThat(List.of(view.platform(), view.packageName(), view.from(), view.to()))
                .containsExactly("el9/x86_64", "hello+x", "2024-01-02", "2024-03-04");
        assertThat(view.filtered()).isTrue();
    }

    @Test
    void aCappedCountShowsALowerBoundAndAlwaysANextPage() {
        JobListView capped = JobListView.of(new JobListing(List.of(JOB), 10_000, true), 200, 50);
        assertThat(capped.total()).isEqualTo("10,000+");
        assertThat(capped.pages()).isEqualTo(200);
        assertThat(capped.more()).isTrue();
        assertThat(capped.nextHref()).isEqualTo("/jobs?page=201");

        JobListView exact = JobListView.of(new JobListing(List.of(JOB), 10_000, false), 200, 50);
        assertThat(exact.total()).isEqualTo("10,000");
        assertThat(exact.nextHref()).isNull();
    }

    @Test
    void emptyRegistryIsOnePage() {
        JobListView view = JobListView.of(new JobListing(List.of(), 0), 1, 50);
        assertThat(view.pages()).isEqualTo(1);
        assertThat(view.prevHref()).isNull();
        assertThat(view.nextHref()).isNull();
    }
}
