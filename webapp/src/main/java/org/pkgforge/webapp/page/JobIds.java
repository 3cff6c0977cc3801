package org.pkgforge.webapp.page;

import java.util.regex.Pattern;
import org.pkgforge.webapp.http.HttpFailure;

/**
 * Job ids as the registry's job_uuid domain allows them, and task targets ({@code <platform>-<arch>})
 * as the platform table allows them; anything else cannot name a job or task.
 */
public final class JobIds {
    private static final Pattern JOB_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,50}$");
    private static final Pattern TARGET = Pattern.compile("^[A-Za-z0-9_.+-]{1,20}-[A-Za-z0-9_.+-]{1,20}$");

    private JobIds() {}

    public static String require(String jobId) {
        if (!JOB_ID.matcher(jobId).matches()) {
            throw HttpFailure.notFound("no job " + jobId);
        }
        return jobId;
    }

    public static String requireTarget(String target) {
        if (!TARGET.matcher(target).matches()) {
            throw HttpFailure.notFound("not found");
        }
        return target;
    }
}
