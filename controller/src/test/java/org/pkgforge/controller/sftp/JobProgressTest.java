package org.pkgforge.controller.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pkgforge.controller.jobs.JobService.JobStatus;
import org.pkgforge.controller.jobs.JobService.Target;

class JobProgressTest {
    private static final LocalTime AT = LocalTime.of(9, 5, 7, 123_000_000);

    private static JobStatus job(String status, Target... targets) {
        return new JobStatus("j1", "devel", "alice", status, null, List.of(targets), List.of(), false);
    }

    @Test
    void oneLinePerChangedTargetThenATally() {
        JobStatus before = job(
                "registered",
                new Target("el8-x86_64", "needs_build", 0, null),
                new Target("el9-x86_64", "needs_build", 0, null));
        JobStatus now = job(
                "building",
                new Target("el8-x86_64", "building", 1, null),
                new Target("el9-x86_64", "needs_build", 0, null));
        assertThat(JobProgress.changes(before, now, AT))
                .containsExactly(
                        "09:05:07 job j1: registered -> building",
                        "09:05:07 el8-x86_64: needs_build -> building",
                        "  0 of 2 targets finished; 1 building, 1 needs_build");
    }

    @Test
    void retriesShowTheAttemptAndFailuresTheirReason() {
        JobStatus before = job(
                "building",
                new Target("el8-x86_64", "building", 1, null),
                new Target("el9-x86_64", "success", 1, null));
        JobStatus now = job(
                "fail",
                new Target("el8-x86_64", "fail", 2, "rpmbuild exited 1"),
                new Target("el9-x86_64", "success", 1, null));
        assertThat(JobProgress.changes(before, now, AT))
                .containsExactly(
                        "09:05:07 job j1: building -> fail",
                        "09:05:07 el8-x86_64: building -> fail (attempt 2): rpmbuild exited 1",
                        "  2 of 2 targets finished: 1 fail, 1 success");
    }

    @Test
    void nothingWhenNothingChanged() {
        JobStatus same = job("building", new Target("el8-x86_64", "building", 1, null));
        assertThat(JobProgress.changes(same, same, AT)).isEmpty();
    }
}
