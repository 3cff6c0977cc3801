package org.pkgforge.webapp.api;

import java.util.List;

/**
 * The REST API's representations: the JSON contract, kept apart from the registry's rows so a
 * schema change cannot silently change what clients read. Times are ISO-8601 UTC strings; a value
 * not known yet (a build not started) is null. {@code api/openapi.json} describes each record.
 */
public final class ApiJson {
    private ApiJson() {}

    /** One row of the job list. */
    public record JobSummary(
            String id,
            String submitter,
            String bucket,
            String status,
            String submitted,
            long targets,
            long succeeded,
            String url) {}

    /**
     * A page of the job list. {@code total} stops counting at 10,000 ({@code totalIsLowerBound});
     * {@code next} is the next page's API URL, or null on the last page.
     */
    public record JobPage(
            List<JobSummary> jobs, long total, boolean totalIsLowerBound, int page, int perPage, String next) {}

    /** A job with its packages, targets and skipped targets. */
    public record Job(
            String id,
            String status,
            String reason,
            String bucket,
            String submitter,
            String submitted,
            List<String> platforms,
            List<String> archs,
            List<Package> packages,
            List<Target> targets,
            List<Skipped> skipped,
            String url) {}

    /** A source package of a job, as its header said. */
    public record Package(
            String file, String type, String name, String version, String release, long size, String sha256) {}

    /**
     * One target of a job; {@code waiting} says why a queued target has not started (null once it
     * has), {@code queuePosition} its place in its platform's queue.
     */
    public record Target(
            String target,
            String platform,
            String arch,
            String status,
            int attempts,
            String reason,
            boolean published,
            String failureClass,
            String agent,
            String waiting,
            Long queuePosition,
            List<Artifact> artifacts,
            String url) {}

    /** A platform the registry excluded, and why (ExclusiveArch, !name, inactive). */
    public record Skipped(String platform, String arch, String reason) {}

    /** A target in full: its attempts, products and log. */
    public record Task(String job, Target target, List<Attempt> attemptHistory, Log log, String url) {}

    /** One attempt at building a target. */
    public record Attempt(
            int number,
            String agent,
            String claimed,
            String started,
            String finished,
            String outcome,
            String reason,
            long logBytes) {}

    /** A verified product; {@code url} answers HTTP Range requests. */
    public record Artifact(String file, long size, String sha256, String url) {}

    /** The current attempt's log: the whole file, and its Server-Sent Events stream while {@code live}. */
    public record Log(String url, String events, boolean live) {}

    /** A platform and how many of its tasks wait. */
    public record Platform(String name, String arch, boolean active, boolean auto, long waiting) {}

    /** A build host or local agent (admins only). */
    public record Host(
            String name,
            String launcher,
            boolean enabled,
            String state,
            String stateReason,
            int slots,
            long busy,
            List<String> platforms,
            String ssh,
            String hostKeyFingerprint) {}

    /** Who the API sees; {@code csrfToken} goes into the {@code X-CSRF-Token} header of every POST. */
    public record Session(String user, boolean admin, String csrfToken) {}

    /** What a cancel or retry changed. */
    public record Changed(String job, int targets, String url) {}

    /** Every error: the HTTP status again, and a message a user can act on. */
    public record Error(int status, String error) {}
}
