package org.pkgforge.webapp.page;

import java.util.regex.Pattern;
import org.pkgforge.webapp.http.HttpFailure;

/** Job ids as the registry's job_uuid domain allows them; anything else cannot name a job. */
final class JobIds {
    private static final Pattern JOB_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,50}$");

    private JobIds() {}

    static String require(String jobId) {
        if (!JOB_ID.matcher(jobId).matches()) {
            throw HttpFailure.notFound("no job " + jobId);
        }
        return jobId;
    }
}
