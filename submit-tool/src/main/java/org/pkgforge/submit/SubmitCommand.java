package org.pkgforge.submit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pkgforge.protocol.job.JobFormatException;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobPackager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pkgforge submit}: validates source packages locally, then writes them with a build.yml
 * into a new job directory under the target (the controller's incoming directory, shared or
 * mounted). All the work is {@link JobPackager}'s; this class only parses and prints.
 */
@Command(
        name = "submit",
        sortOptions = false,
        description = "Submit one or more source packages as a single build job.")
final class SubmitCommand implements Callable<Integer> {
    static final String TARGET_ENV = "PKGFORGE_TARGET";
    static final String WEB_URL_ENV = "PKGFORGE_WEB_URL";
    private static final Logger LOG = LoggerFactory.getLogger(SubmitCommand.class);

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-B", "--bucket"},
            required = true,
            paramLabel = "BUCKET",
            description = "Repository (bucket) for the built packages.")
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
            description = "Job id (A-Z a-z 0-9 _ . -, at most 50). Default: a generated one.")
    String id;

    @Option(
            names = "--target",
            paramLabel = "DIR",
            description = "Directory to submit into. Default: $" + TARGET_ENV + ".")
    Path target;

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path targetDir = target != null
                ? target
                : fromEnv(TARGET_ENV)
                        .map(Path::of)
                        .orElseThrow(() -> new ParameterException(
                                spec.commandLine(), "No target directory: use --target or set " + TARGET_ENV));
        try {
            JobManifest manifest =
                    JobPackager.describe(id, bucket, platforms, archs, report, files, System.getProperty("user.name"));
            if (verbose) {
                err.println(
                        "Validated " + files.size() + " package(s); writing job " + manifest.id() + " to " + targetDir);
            }
            JobPackager.writeJob(targetDir, manifest, files);
            int n = manifest.packages().size();
            out.println("Submitted " + n + (n == 1 ? " package" : " packages") + " as job " + manifest.id());
            String web = webUrl != null ? webUrl : fromEnv(WEB_URL_ENV).orElse(null);
            if (web != null) {
                out.println("Follow it at " + web.replaceAll("/+$", "") + "/jobs/" + manifest.id());
            }
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

    private Optional<String> fromEnv(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
