package org.pkgforge.agent.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.logs.AttemptLog;
import org.pkgforge.protocol.message.TaskResult.Outcome;

/** sbuild's command composition (a real sbuild run needs a chroot tarball and ~30 s). */
class SbuildBuilderTest {
    @TempDir
    Path temp;

    @Test
    void composesAnUnshareBuildFromTheTarballWithEarlierResultsAsExtraPackages() {
        BuildOptions options = BuildOptions.parse(
                Map.of("dist", "bookworm", "chroot", "/srv/chroots/bookworm-amd64.tar.zst", "debArch", "amd64"));

        List<String> first = SbuildBuilder.command(Path.of("/t/a_1.0.dsc"), Path.of("/t/out"), options, false);
        List<String> later = SbuildBuilder.command(Path.of("/t/b_1.0.dsc"), Path.of("/t/out"), options, true);

        assertThat(first)
                .containsExactly(
                        "sbuild",
                        "--chroot-mode=unshare",
                        "--dist=bookworm",
                        "--no-run-lintian",
                        "--no-run-piuparts",
                        "--no-run-autopkgtest",
                        "--build-dir=/t/out",
                        "--chroot=/srv/chroots/bookworm-amd64.tar.zst",
                        "--arch=amd64",
                        "/t/a_1.0.dsc");
        assertThat(later).contains("--extra-package=/t/out").endsWith("/t/b_1.0.dsc");
    }

    @Test
    void aPlatformWithoutADistIsAnInfrastructureFailure() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("task"));
        BuildOutcome outcome = new SbuildBuilder(new CommandRunner())
                .build(
                        new BuildRequest(dir, List.of(dir.resolve("a_1.0.dsc")), "bookworm", "x86_64"),
                        new AttemptLog(dir.resolve("build.log")));

        assertThat(outcome.outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(outcome.reason()).isEqualTo("builder option dist is not set for this platform");
    }
}
