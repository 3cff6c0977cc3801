package org.pkgforge.webapp.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which jobs the job list shows; null means any, and blank text counts as null so an empty form
 * field filters nothing. {@code state}, {@code submitter}, {@code bucket} and {@code packageName}
 * (a source package's name) are exact, case-sensitive matches. {@code platform} matches a job with
 * a task for that platform: {@code el9} for every arch, {@code el9/x86_64} (or the target name
 * {@code el9-x86_64} the job page shows) for one. {@code from} and {@code to} bound the submission
 * date, both days included, in UTC.
 */
public record JobFilter(
        String state,
        String submitter,
        String bucket,
        String platform,
        String packageName,
        LocalDate from,
        LocalDate to) {
    public static final JobFilter NONE = new JobFilter(null, null, null, null, null, null, null);

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

    // The platform table's name and arch CHECK, joined by '/' or '-' (a target name).
    private static final Pattern PLATFORM = Pattern.compile("[A-Za-z0-9_.+-]{1,20}(/[A-Za-z0-9_.+-]{1,20})?");
    // Four-digit years only: LocalDate.parse also takes "+100000-01-01", beyond what PostgreSQL stores.
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    public JobFilter {
        state = blankToNull(state);
        submitter = blankToNull(submitter);
        bucket = blankToNull(bucket);
        platform = blankToNull(platform);
        packageName = blankToNull(packageName);
        if (state != null && !STATES.contains(state)) {
            throw new IllegalArgumentException(
                    "unknown job state " + state + "; known states: " + String.join(", ", STATES));
        }
        if (platform != null && !PLATFORM.matcher(platform).matches()) {
            throw new IllegalArgumentException("platform must be a name like el9, or name/arch like el9/x86_64");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
    }

    /** A date as the form sends it ({@code YYYY-MM-DD}); null for blank. {@code field} names it in the error. */
    public static LocalDate date(String field, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // Falls through to the same message as a malformed date, e.g. for 2024-02-30.
        }
        throw new IllegalArgumentException(field + " must be a date as YYYY-MM-DD, e.g. 2024-01-31, not " + value);
    }

    /** The same filter for one submitter ("my jobs"). */
    public JobFilter withSubmitter(String name) {
        return new JobFilter(state, name, bucket, platform, packageName, from, to);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The first instant of {@code from} in UTC, or null. */
    public Instant submittedFrom() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after {@code to} in UTC, or null: {@code to} is a whole day, included. */
    public Instant submittedBefore() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
