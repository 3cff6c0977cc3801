package org.pkgforge.webapp.actions;

/** What the web side may ask of the controller; each part is implemented there. */
public record WebActions(
        WebLogins logins, JobActions jobs, Submissions submissions, Metrics metrics, AdminActions admin) {
    public WebActions(WebLogins logins, JobActions jobs, Submissions submissions) {
        this(logins, jobs, submissions, Metrics.NONE);
    }

    public WebActions(WebLogins logins, JobActions jobs, Submissions submissions, Metrics metrics) {
        this(logins, jobs, submissions, metrics, AdminActions.NONE);
    }

    /** The same actions with the admin pages' changes made by {@code admin}. */
    public WebActions withAdmin(AdminActions admin) {
        return new WebActions(logins, jobs, submissions, metrics, admin);
    }

    /** A read-only UI: nobody logs in, so nothing can be changed. */
    public static final WebActions NONE = new WebActions(
            WebLogins.NONE,
            new JobActions() {
                @Override
                public int cancel(WebUser user, String jobId) throws Refused {
                    throw new Refused(Refused.Kind.FORBIDDEN, "this web UI is read-only");
                }

                @Override
                public int retry(WebUser user, String jobId, java.util.Optional<String> target) throws Refused {
                    throw new Refused(Refused.Kind.FORBIDDEN, "this web UI is read-only");
                }
            },
            Submissions.NONE);
}
