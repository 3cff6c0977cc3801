package org.pkgforge.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pkgforge.webapp.store.JobFilter;

class RoutesTest {
    @Test
    void segmentsArePercentEncodedExceptUnreservedCharacters() {
        assertThat(Routes.segment("hello-1.0_1~x")).isEqualTo("hello-1.0_1~x");
        assertThat(Routes.segment("a b/c?d#e+f")).isEqualTo("a%20b%2Fc%3Fd%23e%2Bf");
        assertThat(Routes.segment("ü")).isEqualTo("%C3%BC");
    }

    @Test
    void linksPointAtTheRoutedUrls() {
        assertThat(Routes.jobs(1)).isEqualTo("/jobs");
        assertThat(Routes.jobs(3)).isEqualTo("/jobs?page=3");
        assertThat(Routes.job("j.1")).isEqualTo("/jobs/j.1");
        assertThat(Routes.taskLog("j1", Routes.taskTarget("el9", "x86_64"))).isEqualTo("/jobs/j1/tasks/el9-x86_64/log");
        assertThat(Routes.task("j1", "el9-x86_64")).isEqualTo("/jobs/j1/tasks/el9-x86_64");
        assertThat(Routes.taskLogEvents("j1", "el9-x86_64")).isEqualTo("/jobs/j1/tasks/el9-x86_64/log/events");
        assertThat(Routes.taskFile("j1", "el9-x86_64", "a b.rpm"))
                .isEqualTo("/jobs/j1/tasks/el9-x86_64/files/a%20b.rpm");
        assertThat(Routes.repo(List.of("el9", "x86_64"), true)).isEqualTo("/repos/el9/x86_64/");
        assertThat(Routes.repo(List.of(), true)).isEqualTo("/repos/");
    }

    @Test
    void jobListLinksCarryEveryFilter() {
        JobFilter all = new JobFilter(
                "fail", "bob", "main", "el9", "hello", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));
        assertThat(Routes.jobs(all, 2))
                .isEqualTo("/jobs?state=fail&submitter=bob&bucket=main&platform=el9&package=hello"
                        + "&from=2024-01-01&to=2024-01-31&page=2");
        assertThat(Routes.jobs(JobFilter.NONE.withSubmitter("a&b"), 1)).isEqualTo("/jobs?submitter=a%26b");
    }
}
