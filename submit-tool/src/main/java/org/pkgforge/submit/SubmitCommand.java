package org.pkgforge.submit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pkgforge.protocol.job.JobFormatException;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobPackager;
import org.pkgforge.protocol.job.ManifestCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pkgforge submit}: validates source packages locally, then either uploads them over SFTP
 * to the farm and commits the job (the default), or writes them into a drop directory
 * ({@code --target}). Waits for the builds on a terminal, as koji and copr-cli do. All the job
 * work is {@link JobPackager}'s; this class only parses, moves bytes and prints.
 */
@Command(
        name = "submit",
        sortOptions = false,
        description = "Submit one or more source packages as a single build job.",
        footer = {"", PkgforgeCli.EXIT_CODES_HELP})
final class SubmitCommand implements Callable<Integer> {
    static final String TARGET_ENV = "PKGFORGE_TARGET";
    static final String WEB_URL_ENV = "PKGFORGE_WEB_URL";
    private static final Logger LOG = LoggerFactory.getLogger(SubmitCommand.class);
    private static final int ATTEMPTS = 3;

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-B", "--bucket"},
            paramLabel = "BUCKET",
            description = "Repository (bucket) for the built packages (required; config: bucket).")
    String bucket;

    @Option(
            names = {"-p", "--platforms"},
            paramLabel = "PLATFORMS",
            description = "Platforms to build for: names, 'auto', 'all', '!name' to exclude."
                    + " Repeat or separate with commas. Default: auto.")
    List<String> platforms;

    @Option(
            names = {"-a", "--archs"},
            paramLabel = "ARCHS",
            description = "Architectures: names, 'all', '!arch' to exclude. Repeat or separate with commas."
                    + " Default: all.")
    List<String> archs;

    @Option(
            names = {"-r", "--report"},
            paramLabel = "EMAIL",
            description = "Send a report per task to these addresses. Repeat or separate with commas.")
    List<String> report;

    @Option(
            names = "--id",
            paramLabel = "ID",
            description = "Job id (A-Z a-z 0-9 _ . -, at most 50), also the idempotency key: submitting the"
                    + " same packages again with the same id returns the existing job. Default: a generated one.")
    String id;

    @Option(
            names = "--target",
            paramLabel = "DIR",
            description = "Write into this drop directory instead of uploading (config: target). Default: $"
                    + TARGET_ENV + ".")
    Path target;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--wait", description = "Wait for the builds even when not on a terminal.")
    boolean waitAlways;

    @Option(names = "--nowait", description = "Return once the job is committed.")
    boolean noWait;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Stop waiting after this long (exit 6; the job keeps running). Default: 86400.")
    long timeoutSeconds = 86_400;

    @Option(names = "-o", paramLabel = "FORMAT", description = "Output: text (default) or json.")
    String format = "text";

    @Option(
            names = "--web-url",
            paramLabel = "URL",
            description = "The farm's web address, to print a link to the job. Default: $" + WEB_URL_ENV + ".")
    String webUrl;

    @Option(names = "--verbose", description = "Report progress on stderr.")
    boolean verbose;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Source packages (.src.rpm), built in this order.")
    List<Path> files;

    SubmitCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (bucket == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--bucket=BUCKET'");
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new ParameterException(spec.commandLine(), "-o takes text or json, not " + format);
        }
        PrintWriter err = spec.commandLine().getErr();
        JobManifest manifest;
        try {
            manifest =
                    JobPackager.describe(id, bucket, platforms, archs, report, files, System.getProperty("user.name"));
        } catch (JobFormatException e) {
            LOG.debug("Submission refused", e);
            err.println("pkgforge submit: " + e.reason());
            return PkgforgeCli.EXIT_FAILED;
        }
        Optional<Path> dropDir =
                Optional.ofNullable(target).or(() -> fromEnv(TARGET_ENV).map(Path::of));
        if (dropDir.isPresent()) {
            return toDropDirectory(dropDir.get(), manifest);
        }
        Optional<SshTransport.Endpoint> farm = connection.endpoint(env);
        if (farm.isEmpty()) {
            err.println("pkgforge submit: " + PkgforgeCli.NO_SERVER);
            return PkgforgeCli.EXIT_CONFIG;
        }
        return overSsh(farm.get(), manifest);
    }

    private int toDropDirectory(Path targetDir, JobManifest manifest) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (verbose) {
                err.println(
                        "Validated " + files.size() + " package(s); writing job " + manifest.id() + " to " + targetDir);
            }
            JobPackager.writeJob(targetDir, manifest, files);
            printSubmitted(manifest, false);
            return 0;
        } catch (JobFormatException e) {
            LOG.debug("Submission refused", e);
            err.println("pkgforge submit: " + e.reason());
            return PkgforgeCli.EXIT_FAILED;
        } catch (IOException e) {
            LOG.debug("Submission failed", e);
            err.println("pkgforge submit: could not write the job to " + targetDir + " (" + e + ")");
            return PkgforgeCli.EXIT_FAILED;
        }
    }

    private int overSsh(SshTransport.Endpoint endpoint, JobManifest manifest) {
        PrintWriter err = spec.commandLine().getErr();
        Path buildYml;
        try {
            buildYml = Files.createTempFile("pkgforge-build", ".yml");
            ManifestCodec.write(manifest, buildYml);
        } catch (IOException e) {
            err.println("pkgforge submit: cannot write a temporary build.yml (" + e.getMessage() + ")");
            return PkgforgeCli.EXIT_FAILED;
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try (SshTransport farm = SshTransport.open(endpoint)) {
                    UploadProgress progress =
                            new UploadProgress(err, manifest.size(), interactive() && !json(), System::nanoTime);
                    farm.upload(manifest.id(), buildYml, files, progress::sent);
                    progress.done();
                    String receipt = farm.call("pkgforge-submit-commit" + " " + manifest.id());
                    printSubmitted(manifest, receipt.contains("already submitted"));
                    return shouldWait() ? watch(farm, manifest.id()) : 0;
                } catch (IOException e) {
                    if (attempt >= ATTEMPTS || !SshTransport.isConnectionLost(e)) {
                        err.println("pkgforge submit: upload of job " + manifest.id() + " failed: " + e.getMessage());
                        return PkgforgeCli.EXIT_SERVER;
                    }
                    err.println(
                            "pkgforge submit: connection lost (" + e.getMessage() + "); retrying job " + manifest.id());
                }
            }
        } catch (SshTransport.TransportException e) {
            err.println("pkgforge submit: " + e.getMessage());
            return e.exitCode;
        } finally {
            try {
                Files.deleteIfExists(buildYml);
            } catch (IOException ignored) {
                LOG.debug("could not remove {}", buildYml);
            }
        }
    }

    /** Relays the farm's {@code watch}; Ctrl-C leaves the job running and says how to follow it. */
    private int watch(SshTransport farm, String jobId) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Thread hint = new Thread(() -> {
            err.println();
            err.println("Job " + jobId + " is still running; `pkgforge watch " + jobId + "` to continue.");
            err.flush();
        });
        Runtime.getRuntime().addShutdownHook(hint);
        try (LineFilter o = new LineFilter(out);
                LineFilter e = new LineFilter(err)) {
            String command = "watch " + jobId + " --timeout " + timeoutSeconds + (json() ? " -o json" : "");
            return farm.exec(command, o, e, Duration.ofSeconds(timeoutSeconds + 60));
        } finally {
            Runtime.getRuntime().removeShutdownHook(hint);
        }
    }

    private void printSubmitted(JobManifest manifest, boolean existing) {
        PrintWriter out = spec.commandLine().getOut();
        String web = webUrl != null ? webUrl : fromEnv(WEB_URL_ENV).orElse(null);
        String url = web == null ? null : web.replaceAll("/+$", "") + "/jobs/" + manifest.id();
        if (json()) {
            out.println("{\"id\":\"" + manifest.id() + "\",\"existing\":" + existing
                    + (url == null
                            ? ""
                            : ",\"url\":\"" + url.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    + "}");
        } else {
            int n = manifest.packages().size();
            out.println((existing ? "Already submitted: " : "Submitted ") + n + (n == 1 ? " package" : " packages")
                    + " as job " + manifest.id());
            if (url != null) {
                out.println("Follow it at " + url);
            }
        }
        out.flush();
    }

    private boolean shouldWait() {
        return waitAlways || (!noWait && interactive());
    }

    private static boolean interactive() {
        return System.console() != null;
    }

    private boolean json() {
        return "json".equals(format);
    }

    private Optional<String> fromEnv(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
