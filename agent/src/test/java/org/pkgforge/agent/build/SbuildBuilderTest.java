package org.pkgforge.agent.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.logs.AttemptLog;
import org.pkgforge.protocol.message.TaskResult.Outcome;

/**
 * sbuild's command composition and how its output is read (logs of real sbuild 0.85 runs); the
 * real runs are in the controller's SbuildFarmIT.
 */
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
                        "--arch-all",
                        "--nolog",
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
        BuildOutcome outcome = build(Map.of());

        assertThat(outcome.outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(outcome.reason()).isEqualTo("builder option dist is not set for this platform");
    }

    @Test
    void aMissingChrootTarballIsAnInfrastructureFailureNamingIt() throws Exception {
        Path tarball = temp.resolve("chroots/bookworm-amd64.tar.zst");

        BuildOutcome outcome = build(Map.of("dist", "bookworm", "chroot", tarball.toString()));

        assertThat(outcome.outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(outcome.reason())
                .isEqualTo("the chroot tarball " + tarball
                        + " does not exist on this build host; make it with pkgforge chroot create");
        assertThat(temp.resolve("task/build.log")).content().doesNotContain("+ sbuild");
    }

    @Test
    void unmetBuildDependsAreAPackageFailureNamingThem() throws Exception {
        SetPasses.Member member = SbuildBuilder.failed(realLog("sbuild-install-deps.log"), 3);

        assertThat(member.built()).isFalse();
        assertThat(member.reason()).isEqualTo("missing Build-Depends: hello-farm (>= 1.0)");
    }

    @Test
    void aChrootThatCannotStartIsAFarmProblem() throws Exception {
        String log = realLog("sbuild-create-session.log");

        assertThatThrownBy(() -> SbuildBuilder.failed(log, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Fail-Stage: create-session")
                .hasMessageContaining("/etc/subuid");
    }

    @Test
    void otherFailuresNameTheExitCodeAndStage() throws Exception {
        String log = "dh build\nmake: *** [debian/rules:3: build] Error 2\nFail-Stage: build\nStatus: attempted\n";

        assertThat(SbuildBuilder.failed(log, 2).reason()).isEqualTo("sbuild exited 2 (Fail-Stage: build)");
        assertThat(SbuildBuilder.failed("killed\n", 137).reason()).isEqualTo("sbuild exited 137 (Fail-Stage: unknown)");
    }

    private BuildOutcome build(Map<String, String> options) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("task"));
        return new SbuildBuilder(new CommandRunner())
                .build(
                        new BuildRequest(
                                dir,
                                List.of(dir.resolve("a_1.0.dsc")),
                                "bookworm",
                                "x86_64",
                                BuildOptions.parse(options)),
                        new AttemptLog(dir.resolve("build.log")));
    }

    private static String realLog(String name) throws IOException {
        try (InputStream in = SbuildBuilderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
