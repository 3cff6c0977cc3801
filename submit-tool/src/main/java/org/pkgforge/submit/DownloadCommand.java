package org.pkgforge.submit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.pkgforge.protocol.job.Checksums;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pkgforge download JOB}: fetches a job's products (and with {@code --logs} its build logs)
 * into {@code DIR/JOB/TARGET/}, like {@code koji download-build} and {@code copr download-build}.
 * Each file is written under a temporary name and renamed only once its size and SHA-256 match
 * what the farm recorded; a file already there with the right checksum is not fetched again, so
 * an interrupted download is finished by running the command again.
 */
@Command(
        name = "download",
        sortOptions = false,
        description = "Download a job's built packages (and logs) into DIR/JOB/TARGET/.",
        footer = {"", PkgforgeCli.EXIT_CODES_HELP})
final class DownloadCommand implements Callable<Integer> {
    /** What the farm may name: a target or a file, one path segment, nothing a shell or path would read specially. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_+~][A-Za-z0-9._+~-]{0,254}");

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One entry of the farm's {@code artifacts -o json}; {@code sha256} is null for logs. */
    record Artifact(String target, String file, long size, String sha256) {}

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job id.")
    String job;

    @Option(names = "--platform", paramLabel = "TARGET", description = "Only this target, e.g. el9-x86_64.")
    String target;

    @Option(
            names = {"-d", "--dest"},
            paramLabel = "DIR",
            description = "Where to put JOB/TARGET/... Default: the current directory.")
    Path dest = Path.of(".");

    @Option(names = "--logs", description = "Also fetch each target's build.log.")
    boolean logs;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    DownloadCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!SAFE_NAME.matcher(job).matches()
                || (target != null && !SAFE_NAME.matcher(target).matches())) {
            err.println("pkgforge download: not a job id or target: " + Terminal.strip(job));
            return PkgforgeCli.EXIT_USAGE;
        }
        var endpoint = connection.endpoint(env);
        if (endpoint.isEmpty()) {
            err.println("pkgforge download: " + PkgforgeCli.NO_SERVER);
            return PkgforgeCli.EXIT_CONFIG;
        }
        try (SshTransport farm = SshTransport.open(endpoint.get())) {
            List<Artifact> wanted = new ArrayList<>();
            for (Artifact a : list(farm)) {
                if (!SAFE_NAME.matcher(a.target()).matches()
                        || !SAFE_NAME.matcher(a.file()).matches()) {
                    err.println("pkgforge download: the farm named an unsafe file '" + Terminal.strip(a.file())
                            + "'; not writing it");
                    return PkgforgeCli.EXIT_SERVER;
                }
                if (a.sha256() != null || logs) {
                    wanted.add(a);
                }
            }
            if (wanted.isEmpty()) {
                err.println("pkgforge download: job " + job + " has no built packages yet"
                        + (target == null ? "" : " for " + target));
                return PkgforgeCli.EXIT_FAILED;
            }
            long bytes = 0;
            int fetched = 0;
            for (Artifact a : wanted) {
                Path file = dest.resolve(job).resolve(a.target()).resolve(a.file());
                if (a.sha256() != null
                        && Files.isRegularFile(file)
                        && a.sha256().equals(Checksums.sha256Hex(file))) {
                    continue;
                }
                bytes += fetch(farm, a, file);
                fetched++;
                out.println(file.normalize());
            }
            out.println("Downloaded " + fetched + " of " + wanted.size() + " file(s), " + bytes / 1024 + " KiB, into "
                    + dest.resolve(job).normalize());
            return 0;
        } catch (SshTransport.TransportException e) {
            err.println("pkgforge download: " + e.getMessage());
            return e.exitCode;
        } catch (ChecksumMismatch e) {
            err.println("pkgforge download: " + e.getMessage());
            return PkgforgeCli.EXIT_SERVER;
        }
    }

    private List<Artifact> list(SshTransport farm) throws IOException, SshTransport.TransportException {
        String answer = farm.call("artifacts " + job + (target == null ? "" : " --platform " + target) + " -o json");
        return List.of(JSON.readValue(answer, Artifact[].class));
    }

    /** Fetches into a temporary file next to {@code file}, checks it, then renames it into place. */
    private long fetch(SshTransport farm, Artifact a, Path file)
            throws IOException, SshTransport.TransportException, ChecksumMismatch {
        Files.createDirectories(file.getParent());
        Path part = file.resolveSibling("." + a.file() + ".part");
        MessageDigest digest = sha256();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status;
        try (OutputStream to = new DigestOutputStream(Files.newOutputStream(part), digest)) {
            status = farm.exec("fetch " + job + " " + a.target() + " " + a.file(), to, errors, Duration.ofHours(1));
        }
        if (status != 0) {
            Files.deleteIfExists(part);
            throw new SshTransport.TransportException(
                    status,
                    Terminal.strip(errors.toString(StandardCharsets.UTF_8)).strip(),
                    null);
        }
        long size = Files.size(part);
        String sum = HexFormat.of().formatHex(digest.digest());
        if (a.sha256() != null && (size != a.size() || !sum.equals(a.sha256()))) {
            Files.deleteIfExists(part);
            throw new ChecksumMismatch(a.target() + "/" + a.file() + " arrived with " + size + " bytes, SHA-256 " + sum
                    + "; the farm recorded " + a.size() + " bytes, " + a.sha256() + " (not kept)");
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return size;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** A file that did not arrive as the farm recorded it. */
    static final class ChecksumMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        ChecksumMismatch(String message) {
            super(message);
        }
    }
}
