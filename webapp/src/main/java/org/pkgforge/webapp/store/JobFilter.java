package org.pkgforge.webapp.store;

import java.util.List;

/**
 * Which jobs the job list shows: each field is an exact match, or null for any. Blank values count
 * as null, so an empty form field filters nothing.
 */
public record JobFilter(String state, String submitter, String bucket) {
    public static final JobFilter NONE = new JobFilter(null, null, null);

    /** The registry's job states (the job table's CHECK constraint), in lifecycle order. */
    public static final List<String> STATES = List.of(
            "incoming",
            "invalid",
            "accepted",
            "registered",
            "partial_fail",
            "fail",
            "partial_success",
            "success",
            "cancelled");

    public JobFilter {
        state = blankToNull(state);
        submitter = blankToNull(submitter);
        bucket = blankToNull(bucket);
        if (state != null && !STATES.contains(state)) {
            throw new IllegalArgumentException("unknown job state " + state);
        }
    }

    public boolean isEmpty() {
        return state == null && submitter == null && bucket == null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
