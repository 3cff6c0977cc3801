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
import org.pkgforge.agent.testing.HostTools;
import org.pkgforge.agent.testing.Srpms;
import org.pkgforge.protocol.message.TaskResult.Outcome;

/** The host's real rpmbuild, rpm database and rpmlint on real source RPMs. */
@Timeout(60)
class RpmbuildBuilderIT {
    @TempDir
    Path temp;

    private final RpmbuildBuilder builder = new RpmbuildBuilder(new CommandRunner());

    @Test
    void buildsABinaryRpmWithRealDependencyChecksAndLintsIt() throws Exception {
        Path srpm = Srpms.build(
                temp, "hello", "echo building hello", List.of("BuildRequires: gcc, make"), "/usr/share/hello");

        BuildOutcome outcome = build(List.of(srpm));

        assertThat(outcome.outcome()).as(log()).isEqualTo(Outcome.SUCCESS);
        assertThat(outcome.products())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("hello-1.0-1.noarch.rpm", "rpmlint.log");
        String log = log();
        assertThat(log).contains("+ rpm --initdb --dbpath " + temp.resolve("task/rpmdb"));
        assertThat(log).contains("+ rpmbuild --rebuild --define '_topdir " + temp.resolve("task/top") + "'");
        assertThat(log).doesNotContain("--nodeps --define");
        assertThat(log).contains("building hello").contains("Wrote: ").contains("rpmlint: 0 error(s)");
        assertThat(Files.readString(outcome.products().get(1))).contains("1 packages and 0 specfiles checked");
        assertThat(temp.resolve("task/tmp")).isDirectory();
    }

    @Test
    void aMissingBuildRequiresIsABuildFailureNamingIt() throws Exception {
        Path srpm = Srpms.build(
                temp, "needy", "echo never", List.of("BuildRequires: no-such-thing >= 2"), "/usr/share/needy");

        BuildOutcome outcome = build(List.of(srpm));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).isEqualTo("needy-1.0-1.src.rpm: missing BuildRequires: no-such-thing >= 2");
        assertThat(log()).doesNotContain("never\n");
    }

    @Test
    void aFailingBuildIsFailWithTheExitCode() throws Exception {
        Path srpm = Srpms.build(temp, "broken", "echo about to fail; exit 1");

        BuildOutcome outcome = build(List.of(srpm));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).isEqualTo("broken-1.0-1.src.rpm: rpmbuild exited 1");
        assertThat(outcome.products()).isEmpty();
        assertThat(log()).contains("about to fail");
    }

    @Test
    void aLaterMemberSeesAnEarlierOnesRpmsInTheDatabase() throws Exception {
        Path first = Srpms.build(temp, "first", "echo building first");
        Path second = Srpms.build(
                temp, "second", "echo building second", List.of("BuildRequires: first >= 1.0"), "/usr/share/second");

        BuildOutcome outcome = build(List.of(first, second));

        assertThat(outcome.outcome()).as(log()).isEqualTo(Outcome.SUCCESS);
        assertThat(outcome.products())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("first-1.0-1.noarch.rpm", "second-1.0-1.noarch.rpm", "rpmlint.log");
        String log = log();
        assertThat(log.indexOf("building first")).isLessThan(log.indexOf("building second"));
        assertThat(log).contains("-i --justdb --nodeps --force-debian");
    }

    @Test
    void retryPolicyBuildsAMemberSubmittedBeforeItsBuildRequiresInALaterPass() throws Exception {
        Path second = Srpms.build(
                temp, "second", "echo building second", List.of("BuildRequires: first >= 1.0"), "/usr/share/second");
        Path first = Srpms.build(temp, "first", "echo building first");

        BuildOutcome outcome = build(List.of(second, first));

        assertThat(outcome.outcome()).as(log()).isEqualTo(Outcome.SUCCESS);
        assertThat(log())
                .contains("second-1.0-1.src.rpm failed: missing BuildRequires: first >= 1.0")
                .contains("pass 2: retrying second-1.0-1.src.rpm")
                .contains("building second");
    }

    @Test
    void immediatePolicyFailsAtTheFirstFailure() throws Exception {
        Path second = Srpms.build(
                temp, "second", "echo building second", List.of("BuildRequires: first >= 1.0"), "/usr/share/second");
        Path first = Srpms.build(temp, "first", "echo building first");

        BuildOutcome outcome = build(List.of(second, first), Map.of("errorPolicy", "immediate"));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).isEqualTo("second-1.0-1.src.rpm: missing BuildRequires: first >= 1.0");
        assertThat(log()).doesNotContain("building first");
    }

    @Test
    void versionsInBuildRequiresAreCompared() throws Exception {
        Path first = Srpms.build(temp, "first", "echo building first");
        Path second = Srpms.build(
                temp, "second", "echo building second", List.of("BuildRequires: first >= 2.0"), "/usr/share/second");

        BuildOutcome outcome = build(List.of(first, second));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).isEqualTo("second-1.0-1.src.rpm: missing BuildRequires: first >= 2.0");
    }

    @Test
    void retryStopsWhenAPassMakesNoProgressAndNamesEveryFailure() throws Exception {
        Path broken = Srpms.build(temp, "broken", "exit 2");
        Path after = Srpms.build(temp, "after", "echo after runs");

        BuildOutcome outcome = build(List.of(broken, after));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).isEqualTo("broken-1.0-1.src.rpm: rpmbuild exited 1");
        assertThat(outcome.products()).isEmpty();
        String log = log();
        assertThat(log).contains("after runs").contains("pass 2: retrying broken-1.0-1.src.rpm");
        assertThat(log).doesNotContain("pass 3");
    }

    @Test
    void rpmlintErrorsFailTheTaskOnlyUnderTheFailPolicy() throws Exception {
        Path srpm = Srpms.build(temp, "intmp", "true", List.of(), "/tmp");

        BuildOutcome warned = build(List.of(srpm));
        assertThat(warned.outcome()).as(log()).isEqualTo(Outcome.SUCCESS);
        assertThat(log()).contains("rpmlint: 1 error(s)");

        BuildOutcome failed = build(List.of(srpm), Map.of("checkPolicy", "fail"));
        assertThat(failed.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failed.reason())
                .isEqualTo("rpmlint found 1 error(s) (check policy fail); its output is in build.log");
        assertThat(Files.readString(temp.resolve("task/rpmlint.log"))).contains("E: dir-or-file-in-tmp");
        assertThat(log()).contains("rpmlint output follows").contains("E: dir-or-file-in-tmp");
    }

    @Test
    void aMissingSourceIsAFailNotACrash() throws Exception {
        BuildOutcome outcome = build(List.of(temp.resolve("absent-1.0-1.src.rpm")));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).startsWith("absent-1.0-1.src.rpm: rpmbuild exited ");
    }

    private BuildOutcome build(List<Path> sources) throws Exception {
        return build(sources, Map.of());
    }

    private BuildOutcome build(List<Path> sources, Map<String, String> options) throws Exception {
        Path dir = HostTools.freshDir(temp.resolve("task"));
        AttemptLog log = new AttemptLog(dir.resolve("build.log"));
        return builder.build(new BuildRequest(dir, sources, "el9", "x86_64", BuildOptions.parse(options)), log);
    }

    private String log() throws Exception {
        return Files.readString(temp.resolve("task/build.log"), UTF_8);
    }
}
