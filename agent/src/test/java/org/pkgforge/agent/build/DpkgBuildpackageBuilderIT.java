package org.pkgforge.agent.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.logs.AttemptLog;
import org.pkgforge.agent.testing.DebSources;
import org.pkgforge.agent.testing.HostTools;
import org.pkgforge.protocol.message.TaskResult.Outcome;

/** The host's real dpkg-source, dpkg-buildpackage and lintian on real Debian source packages. */
@Timeout(180)
class DpkgBuildpackageBuilderIT {
    @TempDir
    Path temp;

    private final DpkgBuildpackageBuilder builder = new DpkgBuildpackageBuilder(new CommandRunner());

    @Test
    void buildsADebianSourcePackageIntoADeb() throws Exception {
        Path dsc = DebSources.build(temp, "hello-farm", "debhelper-compat (= 13)", "");

        BuildOutcome outcome = build(List.of(dsc, temp.resolve("hello-farm_1.0.tar.xz")), Map.of());

        assertThat(outcome.outcome()).as(log()).isEqualTo(Outcome.SUCCESS);
        assertThat(outcome.products())
                .extracting(p -> p.getFileName().toString())
                .contains("hello-farm_1.0_all.deb", "lintian.log")
                .anyMatch(n -> n.endsWith(".changes"))
                .anyMatch(n -> n.endsWith(".buildinfo"));
        assertThat(log())
                .contains("+ dpkg-source --no-check -x")
                .contains("+ dpkg-buildpackage -us -uc -b")
                .contains("lintian: 0 error(s)");
        assertThat(temp.resolve("task/lintian.log"))
                .content()
                .startsWith("+ lintian --fail-on error " + temp.resolve("task/debbuild/hello-farm_1.0_all.deb"));
    }

    @Test
    void lintianErrorsFailTheTaskOnlyUnderTheFailPolicy() throws Exception {
        Path dsc = DebSources.build(temp, "bare-farm", "debhelper-compat (= 13)", "", false);
        List<Path> sources = List.of(dsc, temp.resolve("bare-farm_1.0.tar.xz"));

        BuildOutcome warned = build(sources, Map.of());
        assertThat(warned.outcome()).as(log()).isEqualTo(Outcome.SUCCESS);
        assertThat(log()).contains("lintian: 1 error(s)");
        assertThat(warned.products())
                .extracting(p -> p.getFileName().toString())
                .contains("lintian.log");
        assertThat(temp.resolve("task/lintian.log")).content().contains("E: bare-farm: no-copyright-file");

        BuildOutcome failed = build(sources, Map.of("checkPolicy", "fail"));
        assertThat(failed.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failed.reason())
                .isEqualTo("lintian found 1 error(s) (check policy fail); its output is in build.log");
        assertThat(failed.products()).isEmpty();
        assertThat(log()).contains("lintian output follows").contains("E: bare-farm: no-copyright-file");

        BuildOutcome unchecked = build(sources, Map.of("checkPolicy", "off"));
        assertThat(unchecked.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(log()).doesNotContain("lintian");
        assertThat(unchecked.products())
                .extracting(p -> p.getFileName().toString())
                .doesNotContain("lintian.log");
    }

    @Test
    void anUnmetBuildDependsFailsThePackageUnlessChecksAreOff() throws Exception {
        Path dsc = DebSources.build(temp, "needy-farm", "debhelper-compat (= 13), no-such-package-pkgforge", "");
        List<Path> sources = List.of(dsc, temp.resolve("needy-farm_1.0.tar.xz"));

        BuildOutcome checked = build(sources, Map.of());
        assertThat(checked.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(checked.reason()).isEqualTo("needy-farm_1.0.dsc: dpkg-buildpackage exited 3");
        assertThat(log()).contains("Unmet build dependencies: no-such-package-pkgforge");

        BuildOutcome unchecked = build(sources, Map.of("checkBuildDeps", "false"));
        assertThat(unchecked.outcome()).as(log()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void aFailingMemberFailsTheSetUnderTheImmediatePolicy() throws Exception {
        Path broken =
                DebSources.build(temp, "broken-farm", "debhelper-compat (= 13)", "override_dh_auto_build:\n\texit 7\n");
        Path fine = DebSources.build(temp, "fine-farm", "debhelper-compat (= 13)", "");

        BuildOutcome outcome = build(
                List.of(broken, temp.resolve("broken-farm_1.0.tar.xz"), fine, temp.resolve("fine-farm_1.0.tar.xz")),
                Map.of("errorPolicy", "immediate"));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).startsWith("broken-farm_1.0.dsc: dpkg-buildpackage exited ");
        assertThat(log()).doesNotContain("fine-farm_1.0.dsc");
    }

    private BuildOutcome build(List<Path> sources, Map<String, String> options) throws Exception {
        Path dir = HostTools.freshDir(temp.resolve("task"));
        AttemptLog log = new AttemptLog(dir.resolve("build.log"));
        return builder.build(new BuildRequest(dir, sources, "bookworm", "amd64", BuildOptions.parse(options)), log);
    }

    private String log() throws Exception {
        return Files.readString(temp.resolve("task/build.log"), UTF_8);
    }
}
