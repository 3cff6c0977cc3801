package org.pkgforge.controller.sftp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.controller.jobs.JobService;
import org.pkgforge.controller.uploads.SubmissionService;
import org.pkgforge.controller.uploads.UploadAreas;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.controller.web.WebLoginService;
import org.pkgforge.sql.row.FarmUser;
import org.pkgforge.sql.row.JobRow;
import org.pkgforge.sql.row.Platform;
import org.pkgforge.webapp.Routes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands a user may run over SSH ({@code ssh -p PORT user@farm status JOB}), Gerrit style:
 * each one parses, calls a service the other edges share, and formats. Nothing here runs a
 * program or a shell; {@code @file} expansion is off (B-C1).
 */
final class SshCommands {
    static final String COMMIT = "pkgforge-submit-commit";
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** What every command needs: who is asking and the shared services. */
    record Context(
            String user,
            UploadAreas areas,
            UserService users,
            SubmissionService submissions,
            JobService jobs,
            WebLoginService webLogins,
            Supplier<String> webUrl,
            PrintWriter out,
            OutputStream bytesOut) {}

    private SshCommands() {}

    /** Runs one command line for {@code context.user()}; returns the exit code. */
    static int run(Context context, PrintWriter err, List<String> args) {
        List<String> words = !args.isEmpty() && args.get(0).equals("pkgforge") ? args.subList(1, args.size()) : args;
        CommandLine cli = new CommandLine(new Root())
                .setExpandAtFiles(false)
                .addSubcommand(COMMIT, new Commit(context), "commit")
                .addSubcommand("status", new Status(context))
                .addSubcommand("watch", new Watch(context))
                .addSubcommand("logs", new Logs(context))
                .addSubcommand("list", new ListJobs(context))
                .addSubcommand("platforms", new Platforms(context))
                .addSubcommand("whoami", new WhoAmI(context))
                .addSubcommand("cancel", new Cancel(context))
                .addSubcommand("retry", new Retry(context))
                .addSubcommand("artifacts", new Artifacts(context))
                .addSubcommand("fetch", new Fetch(context))
                .addSubcommand("web-login", new WebLogin(context))
                // After the subcommands: picocli hands the streams only to those already added.
                .setOut(context.out())
                .setErr(err)
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    if (e instanceof Failure f) {
                        line.getErr().println(line.getCommandName() + ": " + f.getMessage());
                        return f.exitCode();
                    }
                    throw e;
                });
        return cli.execute(words.toArray(String[]::new));
    }

    @Command(
            name = "pkgforge",
            description = "PkgForge over SSH. Commands: " + COMMIT
                    + ", status, watch, logs, list, platforms, whoami, cancel, retry, artifacts, fetch, web-login.")
    static final class Root implements Runnable {
        @Override
        public void run() {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "missing command: " + COMMIT
                            + ", status, watch, logs, list, platforms, whoami, cancel, retry, artifacts, fetch, web-login");
        }
    }

    abstract static class Edge implements Callable<Integer> {
        final Context ctx;

        @Option(names = "-o", paramLabel = "FORMAT", description = "text (default) or json")
        String format = "text";

        Edge(Context ctx) {
            this.ctx = ctx;
        }

        boolean json() {
            return "json".equals(format);
        }

        void printJson(Object value) throws IOException {
            ctx.out().println(JSON.writeValueAsString(value));
        }
    }

    @Command(name = COMMIT, description = "Commit an upload directory as a job; prints the job id once registered.")
    static final class Commit extends Edge {
        @Parameters(paramLabel = "UPLOAD", description = "The directory you uploaded (named after the job id).")
        String upload;

        Commit(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            SubmissionService.Receipt r =
                    ctx.submissions().commit(ctx.user(), ctx.areas().rootOf(ctx.user()), upload);
            if (json()) {
                printJson(r);
            } else {
                ctx.out().println(r.jobId() + (r.existing() ? " (already submitted)" : ""));
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Show a job and its targets.")
    static final class Status extends Edge {
        @Parameters(paramLabel = "JOB")
        String job;

        Status(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            JobService.JobStatus s = ctx.jobs().status(job);
            if (json()) {
                printJson(s);
            } else {
                printText(ctx.out(), s);
            }
            return 0;
        }
    }

    static void printText(PrintWriter out, JobService.JobStatus s) {
        out.println("job " + s.id() + " " + s.status() + " (bucket " + s.bucket() + ", submitter " + s.submitter() + ")"
                + (s.reason() == null ? "" : ": " + s.reason()));
        for (JobService.Target t : s.targets()) {
            out.println("  " + t.target() + " " + t.status() + (t.reason() == null ? "" : ": " + t.reason()));
        }
        for (String skipped : s.skipped()) {
            out.println("  skipped " + skipped);
        }
    }

    @Command(name = "watch", description = "Follow a job until every target finished; exit 0 if all built, 1 if not.")
    static final class Watch extends Edge {
        @Parameters(paramLabel = "JOB")
        String job;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up (exit 6) after this long.")
        long timeoutSeconds = 24 * 3600;

        @Option(names = "--interval", paramLabel = "MILLIS", hidden = true)
        long intervalMillis = 500;

        Watch(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(timeoutSeconds));
            JobService.JobStatus previous = null;
            while (true) {
                JobService.JobStatus s = ctx.jobs().status(job);
                if (!s.equals(previous)) {
                    if (json()) {
                        printJson(Map.of("event", "state", "job", s));
                    } else if (previous == null) {
                        printText(ctx.out(), s);
                    } else {
                        JobProgress.changes(previous, s, LocalTime.now()).forEach(ctx.out()::println);
                    }
                    ctx.out().flush();
                }
                if (s.finished()) {
                    if (!json() && previous != null) {
                        printText(ctx.out(), s);
                    }
                    return s.exitCode();
                }
                previous = s;
                if (Instant.now().isAfter(deadline)) {
                    throw new Failure(Failure.TIMEOUT, "job " + job + " still running after " + timeoutSeconds + " s");
                }
                Thread.sleep(intervalMillis);
            }
        }
    }

    @Command(name = "logs", description = "Print a target's build log; -f follows it until the job finished.")
    static final class Logs extends Edge {
        @Parameters(paramLabel = "JOB")
        String job;

        @Option(names = "--platform", paramLabel = "TARGET", description = "e.g. el9-x86_64 (needed with several)")
        String target;

        @Option(names = "-f", description = "Follow.")
        boolean follow;

        Logs(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            Path log = ctx.jobs().log(job, Optional.ofNullable(target));
            long offset = 0;
            while (true) {
                offset = copyFrom(log, offset);
                if (!follow || ctx.jobs().status(job).finished()) {
                    copyFrom(log, offset);
                    return 0;
                }
                Thread.sleep(500);
            }
        }

        private long copyFrom(Path log, long offset) throws IOException {
            try (InputStream in = Files.newInputStream(log)) {
                in.skipNBytes(Math.min(offset, Files.size(log)));
                byte[] bytes = in.readAllBytes();
                ctx.out().print(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                ctx.out().flush();
                return offset + bytes.length;
            }
        }
    }

    @Command(name = "list", description = "List jobs, newest first.")
    static final class ListJobs extends Edge {
        @Option(names = "--mine", description = "Only jobs you submitted.")
        boolean mine;

        @Option(names = "--state", paramLabel = "STATE", description = "Only jobs in this state (e.g. success).")
        String state;

        @Option(names = "-n", paramLabel = "N", description = "At most N jobs (default 20).")
        int limit = 20;

        ListJobs(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            List<JobRow> jobs = ctx.jobs()
                    .list(mine ? Optional.of(ctx.user()) : Optional.empty(), Optional.ofNullable(state), limit);
            if (json()) {
                printJson(jobs.stream()
                        .map(j -> Map.of(
                                "id", j.uuid(),
                                "status", j.status(),
                                "submitter", String.valueOf(j.submitter()),
                                "submitted", j.submittedAt().toString()))
                        .toList());
                return 0;
            }
            for (JobRow j : jobs) {
                ctx.out().printf("%-40s %-16s %-12s %s%n", j.uuid(), j.status(), j.submitter(), j.submittedAt());
            }
            return 0;
        }
    }

    @Command(name = "platforms", description = "List the active platforms.")
    static final class Platforms extends Edge {
        Platforms(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            List<Platform> platforms = ctx.jobs().platforms();
            if (json()) {
                printJson(platforms);
                return 0;
            }
            for (Platform p : platforms) {
                ctx.out().println(p.name() + "/" + p.arch() + (p.auto() ? " (auto)" : ""));
            }
            return 0;
        }
    }

    @Command(name = "whoami", description = "Who the farm thinks you are.")
    static final class WhoAmI extends Edge {
        WhoAmI(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            FarmUser u = ctx.users()
                    .find(ctx.user())
                    .orElseThrow(() -> new Failure(Failure.AUTH, "unknown user " + ctx.user()));
            if (json()) {
                printJson(Map.of("name", u.name(), "admin", u.admin()));
            } else {
                ctx.out().println(u.name() + (u.admin() ? " (admin)" : ""));
            }
            return 0;
        }
    }

    @Command(
            name = "cancel",
            description = "Cancel your job's targets that are waiting or building (running builds are killed).")
    static final class Cancel extends Edge {
        @Parameters(paramLabel = "JOB")
        String job;

        Cancel(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            int n = ctx.jobs().cancel(ctx.user(), isAdmin(ctx), job);
            ctx.out().println("cancelled " + n + " waiting or building target(s) of " + job);
            return 0;
        }
    }

    @Command(name = "retry", description = "Build your job's failed or cancelled targets again.")
    static final class Retry extends Edge {
        @Parameters(paramLabel = "JOB")
        String job;

        @Option(names = "--platform", paramLabel = "TARGET", description = "Only this target, e.g. el9-x86_64.")
        String target;

        Retry(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            int n = ctx.jobs().retry(ctx.user(), isAdmin(ctx), job, Optional.ofNullable(target));
            ctx.out().println("queued " + n + " target(s) of " + job + " again");
            return 0;
        }
    }

    @Command(name = "artifacts", description = "List a job's products and build logs (what download fetches).")
    static final class Artifacts extends Edge {
        @Parameters(paramLabel = "JOB")
        String job;

        @Option(names = "--platform", paramLabel = "TARGET", description = "Only this target, e.g. el9-x86_64.")
        String target;

        Artifacts(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            List<JobService.Artifact> found = ctx.jobs().artifacts(job, Optional.ofNullable(target));
            if (json()) {
                printJson(found);
                return 0;
            }
            for (JobService.Artifact a : found) {
                ctx.out().printf("%-20s %-50s %12d %s%n", a.target(), a.file(), a.size(), a.isLog() ? "-" : a.sha256());
            }
            return 0;
        }
    }

    /** Writes one file's bytes, unchanged, to standard output: the transport of {@code download}. */
    @Command(name = "fetch", description = "Write one of a job's files (see artifacts) to standard output.")
    static final class Fetch extends Edge {
        @Parameters(index = "0", paramLabel = "JOB")
        String job;

        @Parameters(index = "1", paramLabel = "TARGET")
        String target;

        @Parameters(index = "2", paramLabel = "FILE")
        String file;

        Fetch(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            Path path = ctx.jobs().artifactFile(job, target, file);
            ctx.out().flush();
            try (InputStream in = Files.newInputStream(path)) {
                in.transferTo(ctx.bytesOut());
            }
            ctx.bytesOut().flush();
            return 0;
        }
    }

    @Command(
            name = "web-login",
            description = "Print a one-time URL that logs you in to the web UI (it works once, for 2 minutes).")
    static final class WebLogin extends Edge {
        WebLogin(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            String url = Routes.login(ctx.webUrl().get(), ctx.webLogins().issue(ctx.user()));
            if (json()) {
                printJson(Map.of("url", url, "expiresInSeconds", WebLoginService.LOGIN_LIFETIME.toSeconds()));
            } else {
                ctx.out().println(url);
            }
            return 0;
        }
    }

    private static boolean isAdmin(Context ctx) {
        return ctx.users().find(ctx.user()).map(FarmUser::admin).orElse(false);
    }
}
