package org.pkgforge.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobValidator;

class SubmitCommandTest {
    @TempDir
    static Path rpms;

    static Path srpm;

    @TempDir
    Path target;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void buildSrpm() throws Exception {
        Path script = examples().resolve("make-srpm.sh");
        Path printed = rpms.resolve("printed.txt");
        Process p = new ProcessBuilder(script.toString(), rpms.resolve("out").toString())
                .redirectOutput(printed.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        srpm = Path.of(Files.readString(printed).strip());
    }

    @Test
    void submitsAPackageAsANewJob() throws Exception {
        int code = run(Map.of(), "submit", "-B", "devel", "--target", target.toString(), srpm.toString());

        assertThat(code).as(err.toString()).isZero();
        String id = single(entries(target));
        assertThat(out.toString()).isEqualTo("Submitted 1 package as job " + id + System.lineSeparator());
        assertThat(entries(target.resolve(id)))
                .containsExactlyInAnyOrder("build.yml", srpm.getFileName().toString());
        JobManifest manifest = JobValidator.validate(target.resolve(id)).manifest();
        assertThat(manifest.bucket()).isEqualTo("devel");
        assertThat(manifest.platforms()).containsExactly("auto");
        assertThat(manifest.submitter()).isEqualTo(System.getProperty("user.name"));
        assertThat(entries(target)).noneMatch(name -> name.startsWith("."));
    }

    @Test
    void passesEveryOptionThrough() throws Exception {
        int code = run(
                Map.of(),
                "submit",
                "-B",
                "devel",
                "-p",
                "el9,!el8",
                "-p",
                "fedora-40",
                "-a",
                "x86_64",
                "-r",
                "a@example.org, b@example.org",
                "--id",
                "job-42",
                "--target",
                target.toString(),
                "--web-url",
                "http://farm.example:8080/",
                srpm.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("as job job-42", "Follow it at http://farm.example:8080/jobs/job-42");
        JobManifest manifest = JobValidator.validate(target.resolve("job-42")).manifest();
        assertThat(manifest.platforms()).containsExactly("el9", "!el8", "fedora-40");
        assertThat(manifest.archs()).containsExactly("x86_64");
        assertThat(manifest.report()).containsExactly("a@example.org", "b@example.org");
    }

    @Test
    void takesTargetAndWebUrlFromTheEnvironmentAndAcceptsAbbreviations() throws Exception {
        Map<String, String> env =
                Map.of("PKGFORGE_TARGET", target.toString(), "PKGFORGE_WEB_URL", "https://farm.example");

        int code = run(env, "sub", "--buck", "devel", "--id", "env-job", srpm.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(entries(target)).containsExactly("env-job");
        assertThat(out.toString()).contains("Follow it at https://farm.example/jobs/env-job");
    }

    @Test
    void refusesABadFileWithExitCode1AndWritesNothing(@TempDir Path work) throws IOException {
        Path bad = Files.writeString(work.resolve("bad-1.0-1.src.rpm"), "not an rpm\n");

        int code = run(Map.of(), "submit", "-B", "devel", "--target", target.toString(), bad.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("pkgforge submit: bad-1.0-1.src.rpm: not an RPM file (bad magic)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(entries(target)).isEmpty();
    }

    @Test
    void refusesAnExistingJobId() throws IOException {
        Files.createDirectory(target.resolve("taken"));

        int code =
                run(Map.of(), "submit", "-B", "devel", "--id", "taken", "--target", target.toString(), srpm.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("job id 'taken' already exists");
        assertThat(entries(target)).containsExactly("taken");
    }

    @Test
    void noFarmAndNoDropDirectoryIsAConfigError() {
        assertThat(run(Map.of(), "submit", "-B", "devel", srpm.toString())).isEqualTo(5);
        assertThat(err.toString()).contains("no farm configured: use --server HOST");
    }

    @Test
    void usageErrorsExitWith2() {

        assertThat(run(Map.of(), "submit", "--target", target.toString(), srpm.toString()))
                .isEqualTo(2);
        assertThat(run(Map.of(), "submit", "-B", "devel", "--target", target.toString()))
                .isEqualTo(2);
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--bucket=BUCKET'");
    }

    @Test
    void theProcessEntryPointReturnsTheExitCode() throws IOException {
        int code = PkgforgeCli.run("submit", "-B", "devel", "--target", target.toString(), srpm.toString());

        assertThat(code).isZero();
        assertThat(entries(target)).hasSize(1);
    }

    private int run(Map<String, String> env, String... args) {
        return PkgforgeCli.run(new PrintWriter(out), new PrintWriter(err), env, args);
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String single(List<String> names) {
        assertThat(names).hasSize(1);
        return names.get(0);
    }

    /** The repository's examples/: -Dpkgforge.examples, or found above the working directory. */
    private static Path examples() {
        String property = System.getProperty("pkgforge.examples");
        if (property != null) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/make-srpm.sh"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/make-srpm.sh not found");
    }
}
