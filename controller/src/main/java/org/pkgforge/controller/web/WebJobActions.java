package org.pkgforge.controller.web;

import java.util.Optional;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.controller.jobs.JobService;
import org.pkgforge.webapp.actions.JobActions;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.WebUser;

/** The job page's cancel and retry buttons, on the {@link JobService} the SSH commands use. */
public final class WebJobActions implements JobActions {
    private final JobService jobs;

    public WebJobActions(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public int cancel(WebUser user, String jobId) throws Refused {
        try {
            return jobs.cancel(user.name(), user.admin(), jobId);
        } catch (Failure f) {
            throw Refusals.of(f);
        }
    }

    @Override
    public int retry(WebUser user, String jobId, Optional<String> target) throws Refused {
        try {
            return jobs.retry(user.name(), user.admin(), jobId, target);
        } catch (Failure f) {
            throw Refusals.of(f);
        }
    }
}
