package org.pkgforge.webapp;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.util.PathTemplateMatch;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.pkgforge.webapp.actions.WebActions;
import org.pkgforge.webapp.api.FarmResource;
import org.pkgforge.webapp.api.JobControlResource;
import org.pkgforge.webapp.api.JobsResource;
import org.pkgforge.webapp.auth.AdminOnly;
import org.pkgforge.webapp.auth.Authenticator;
import org.pkgforge.webapp.files.SafeRoot;
import org.pkgforge.webapp.http.ErrorPages;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.logs.LogStreams;
import org.pkgforge.webapp.logs.LogTailer;
import org.pkgforge.webapp.page.HealthPage;
import org.pkgforge.webapp.page.JobControlPage;
import org.pkgforge.webapp.page.JobListPage;
import org.pkgforge.webapp.page.JobPage;
import org.pkgforge.webapp.page.LogEventsPage;
import org.pkgforge.webapp.page.LoginPage;
import org.pkgforge.webapp.page.LogoutPage;
import org.pkgforge.webapp.page.MetricsPage;
import org.pkgforge.webapp.page.RepoFilesPage;
import org.pkgforge.webapp.page.SubmitPage;
import org.pkgforge.webapp.page.TaskFilesPage;
import org.pkgforge.webapp.page.TaskPage;
import org.pkgforge.webapp.page.admin.HostsPage;
import org.pkgforge.webapp.page.admin.PlatformsPage;
import org.pkgforge.webapp.page.admin.QueuePage;
import org.pkgforge.webapp.page.admin.UsersPage;
import org.pkgforge.webapp.store.JobFilter;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.Templates;

/**
 * The only list of the web side's URLs: the handler tree, and the link builders pages use, so a URL
 * changes in one place.
 */
public final class Routes {
    public static final String JOBS = "/jobs";
    public static final String REPOS = "/repos";
    public static final String SUBMIT = "/submit";
    /** The REST API, described by {@code GET /api/v1/openapi.json}. */
    public static final String API = "/api/v1";

    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";
    public static final String MY_JOBS = JOBS + "?mine";
    /** Everything under this is for admins only (see {@link AdminOnly}). */
    public static final String ADMIN = "/admin";

    public static final String ADMIN_HOSTS = ADMIN + "/hosts";
    public static final String ADMIN_PLATFORMS = ADMIN + "/platforms";
    public static final String ADMIN_USERS = ADMIN + "/users";
    public static final String ADMIN_QUEUE = ADMIN + "/queue";
    private static final String STATIC = "/static";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Routes() {}

    /** One routed URL: its method and path template ({@code /jobs/{id}}; a prefix ends in {@code /*}). */
    public record Route(String method, String template) {}

    /** The handler tree and every route it serves, built from one table so neither can miss one. */
    record Routed(HttpHandler handler, List<Route> routes) {}

    private record Binding(Route route, HttpHandler handler) {}

    static Routed handler(
            WebConfig config, WebStore store, Templates templates, LogStreams logStreams, WebActions actions) {
        TaskFilesPage taskFiles = new TaskFilesPage(new SafeRoot(config.resultsDir()));
        JobControlPage control = new JobControlPage(store, actions.jobs());
        JobsResource apiJobs = new JobsResource(store);
        JobControlResource apiControl = new JobControlResource(store, actions.jobs());
        FarmResource apiFarm = new FarmResource(store);
        String apiJob = API + JOBS + "/{id}";
        String apiTask = apiJob + "/tasks/{target}";
        SubmitPage submit = new SubmitPage(actions.submissions(), templates);
        HostsPage hosts = new HostsPage(store, actions.admin(), templates);
        PlatformsPage platforms = new PlatformsPage(store, actions.admin(), templates);
        UsersPage users = new UsersPage(store, actions.admin(), templates);
        String job = JOBS + "/{id}";
        String task = job + "/tasks/{target}";
        String host = ADMIN_HOSTS + "/{host}";
        String userKeys = ADMIN_USERS + "/{user}/keys";
        String user = ADMIN_USERS + "/{user}";
        List<Binding> table = List.of(
                get("/", exchange -> Responses.redirect(exchange, JOBS)),
                get(JOBS, new JobListPage(store, templates)),
                get(job, new JobPage(store, templates)),
                post(job + "/cancel", control::cancel),
                post(job + "/retry", control::retryAll),
                get(task, new TaskPage(store, taskFiles, templates)),
                post(task + "/retry", control::retryTarget),
                get(task + "/log", taskFiles::log),
                get(task + "/log/events", new LogEventsPage(store, taskFiles, logStreams, LogTailer.DEFAULTS)),
                get(task + "/files/{name}", taskFiles::file),
                get(SUBMIT, submit::form),
                post(SUBMIT, submit::submit),
                get(LOGIN + "/{token}", new LoginPage(actions.logins())),
                post(LOGOUT, new LogoutPage(actions.logins())),
                get(ADMIN, exchange -> Responses.redirect(exchange, ADMIN_HOSTS)),
                get(ADMIN_HOSTS, hosts::list),
                post(ADMIN_HOSTS, hosts::probe),
                post(ADMIN_HOSTS + "/confirm", hosts::confirm),
                post(host + "/enable", hosts::enable),
                post(host + "/disable", hosts::disable),
                post(host + "/pin", hosts::pin),
                post(host + "/set", hosts::change),
                post(host + "/remove", hosts::remove),
                get(ADMIN_PLATFORMS, platforms::list),
                post(ADMIN_PLATFORMS, platforms::add),
                post(ADMIN_PLATFORMS + "/activate", platforms::activate),
                post(ADMIN_PLATFORMS + "/deactivate", platforms::deactivate),
                post(ADMIN_PLATFORMS + "/auto", platforms::setAuto),
                post(ADMIN_PLATFORMS + "/unauto", platforms::unsetAuto),
                get(ADMIN_USERS, users::list),
                post(ADMIN_USERS, users::add),
                post(userKeys, users::addKey),
                post(userKeys + "/revoke", users::revokeKey),
                post(user + "/admin", users::grantAdmin),
                post(user + "/unadmin", users::revokeAdmin),
                get(ADMIN_QUEUE, new QueuePage(store, templates)),
                get("/health", new HealthPage(store)),
                get("/metrics", new MetricsPage(actions.metrics())),
                get(API + JOBS, apiJobs::list),
                get(apiJob, apiJobs::job),
                post(apiJob + "/cancel", apiControl::cancel),
                post(apiJob + "/retry", apiControl::retryAll),
                get(apiTask, apiJobs::task),
                post(apiTask + "/retry", apiControl::retryTarget),
                get(API + "/platforms", apiFarm::platforms),
                get(API + "/hosts", apiFarm::hosts),
                get(API + "/session", apiFarm::session),
                get(API + "/openapi.json", apiFarm::openApi));
        // rewriteQueryParameters=false: path parameters are read from the template match only, so
        // "?id=..." in the query string cannot stand in for a path segment.
        RoutingHandler pages = new RoutingHandler(false)
                .setFallbackHandler(exchange -> {
                    throw HttpFailure.notFound("not found");
                })
                .setInvalidMethodHandler(exchange -> {
                    throw new HttpFailure(405, "method not allowed");
                });
        for (Binding b : table) {
            String template = b.route().template();
            boolean admin = template.equals(ADMIN) || template.startsWith(ADMIN + "/");
            pages.add(b.route().method(), template, admin ? new AdminOnly(b.handler()) : b.handler());
        }
        HttpHandler paths = Handlers.path(pages)
                .addPrefixPath(REPOS, new RepoFilesPage(new SafeRoot(config.reposDir()), templates))
                .addPrefixPath(
                        STATIC,
                        Handlers.resource(new ClassPathResourceManager(Routes.class.getClassLoader(), "static")));
        List<Route> routes = new ArrayList<>(table.stream().map(Binding::route).toList());
        routes.add(new Route("GET", REPOS + "/*"));
        routes.add(new Route("GET", STATIC + "/*"));
        // Every request passes the authenticator: whatever is not a GET or HEAD needs a user and
        // the CSRF token, prefix paths and unknown URLs included. Pages query the database, so they
        // run on worker threads, never on the I/O threads.
        HttpHandler authenticated = new Authenticator(paths, actions.logins(), config.proxy());
        return new Routed(new BlockingHandler(new ErrorPages(authenticated, templates)), List.copyOf(routes));
    }

    private static Binding get(String template, HttpHandler handler) {
        return new Binding(new Route("GET", template), handler);
    }

    private static Binding post(String template, HttpHandler handler) {
        return new Binding(new Route("POST", template), handler);
    }

    /** A path parameter of the matched route template; decoded. */
    public static String pathParam(HttpServerExchange exchange, String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String value = match == null ? null : match.getParameters().get(name);
        if (value == null) {
            throw HttpFailure.notFound("not found");
        }
        return value;
    }

    public static String jobs(long page) {
        return jobs(JobFilter.NONE, page);
    }

    /** The job list with {@code filter}'s non-null fields and the page (omitted for page 1). */
    public static String jobs(JobFilter filter, long page) {
        StringJoiner query = filterQuery(filter);
        if (page > 1) {
            query.add("page=" + page);
        }
        return JOBS + query;
    }

    /** The API's job list with {@code filter}, at {@code page} of {@code perPage} jobs. */
    public static String apiJobs(JobFilter filter, long page, int perPage) {
        StringJoiner query = filterQuery(filter);
        query.add("page=" + page);
        query.add("per_page=" + perPage);
        return API + JOBS + query;
    }

    public static String apiJob(String jobId) {
        return API + job(jobId);
    }

    public static String apiTask(String jobId, String target) {
        return API + task(jobId, target);
    }

    private static StringJoiner filterQuery(JobFilter filter) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        addQuery(query, "state", filter.state());
        addQuery(query, "submitter", filter.submitter());
        addQuery(query, "bucket", filter.bucket());
        addQuery(query, "platform", filter.platform());
        addQuery(query, "package", filter.packageName());
        addQuery(query, "from", filter.from() == null ? null : filter.from().toString());
        addQuery(query, "to", filter.to() == null ? null : filter.to().toString());
        return query;
    }

    private static void addQuery(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    public static String job(String jobId) {
        return JOBS + "/" + segment(jobId);
    }

    public static String cancel(String jobId) {
        return job(jobId) + "/cancel";
    }

    public static String retry(String jobId) {
        return job(jobId) + "/retry";
    }

    public static String retry(String jobId, String target) {
        return task(jobId, target) + "/retry";
    }

    /** A build host's form: {@code enable}, {@code disable}, {@code pin}, {@code set} or {@code remove}. */
    public static String adminHost(String host, String action) {
        return ADMIN_HOSTS + "/" + segment(host) + "/" + action;
    }

    /** A user's button: {@code admin} or {@code unadmin}. */
    public static String adminUser(String user, String action) {
        return ADMIN_USERS + "/" + segment(user) + "/" + action;
    }

    public static String adminUserKeys(String user) {
        return ADMIN_USERS + "/" + segment(user) + "/keys";
    }

    public static String adminRevokeKey(String user) {
        return adminUserKeys(user) + "/revoke";
    }

    /** The one-time login URL for a token, under the farm's web URL. */
    public static String login(String webUrl, String token) {
        return webUrl.replaceAll("/+$", "") + LOGIN + "/" + segment(token);
    }

    /** The per-task directory name under a job's results, also the task's name in URLs. */
    public static String taskTarget(String platform, String arch) {
        return platform + "-" + arch;
    }

    public static String task(String jobId, String target) {
        return job(jobId) + "/tasks/" + segment(target);
    }

    public static String taskLog(String jobId, String target) {
        return task(jobId, target) + "/log";
    }

    public static String taskLogEvents(String jobId, String target) {
        return taskLog(jobId, target) + "/events";
    }

    public static String taskFile(String jobId, String target, String fileName) {
        return task(jobId, target) + "/files/" + segment(fileName);
    }

    /** A repository path; directories end in '/' so relative links in their listing work. */
    public static String repo(List<String> names, boolean directory) {
        StringBuilder url = new StringBuilder(REPOS);
        for (String name : names) {
            url.append('/').append(segment(name));
        }
        return directory ? url.append('/').toString() : url.toString();
    }

    /** Percent-encodes one path segment: every byte except RFC 3986 unreserved characters. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }
}
