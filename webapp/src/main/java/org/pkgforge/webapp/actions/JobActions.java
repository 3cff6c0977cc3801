package org.pkgforge.webapp.actions;

import java.util.Optional;

/** What a job's owner (or an admin) may do to it; the same service the SSH commands call. */
public interface JobActions {
    /** Cancels the job's waiting and building targets (their builds are killed); returns how many. */
    int cancel(WebUser user, String jobId) throws Refused;

    /** Queues failed or cancelled targets again: all, or the one named ({@code el9-x86_64}). */
    int retry(WebUser user, String jobId, Optional<String> target) throws Refused;
}
