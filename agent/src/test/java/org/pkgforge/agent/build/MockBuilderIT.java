package org.pkgforge.agent.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.logs.AttemptLog;
import org.pkgforge.agent.testing.Srpms;
import org.pkgforge.protocol.message.TaskResult.Outcome;

/**
 * The mock backend against mock-standin.sh, a STAND-IN for mock (which needs Fedora/EL mirrors
 * and cannot run here): the command lines, the set's local repository (real createrepo_c), the
 * error policy, the reasons and rpmlint are all real; only mock's chroot is not.
 */
@Timeout(120)
class MockBuilderIT {
    @TempDir
    Path temp;

    Path standIn;
    Path task;

    @BeforeEach
    void setUp() throws Exception {
        standIn = Path.of(MockBuilderIT.class.getResource("mock-standin.sh").toURI());
        task = Files.createDirectories(temp.resolve("task"));
    }

    private BuildOutcome build(List<Path> srpms, Map<String, String> extra) throws Exception {
        Map<String, String> options = new java.util.HashMap<>(
                Map.of(MockBuilder.CONFIG, "rocky+epel-9-{arch}", MockBuilder.COMMAND, standIn.toString()));
        options.putAll(extra);
        return new MockBuilder(new CommandRunner())
                .build(
                        new BuildRequest(task, srpms, "el9", "x86_64", BuildOptions.parse(options)),
                        new AttemptLog(task.resolve("build.log")));
    }

    private List<String> argsOf(String member) throws Exception {
        return Files.readAllLines(task.resolve("results/" + member + "/mock-args"), UTF_8);
    }

    @Test
    void laterMembersGetTheEarlierOnesThroughTheLocalRepository() throws Exception {
        Path first = Srpms.build(temp, "first", "echo building first");
        Path second = Srpms.build(
                temp, "second", "echo building second", List.of("BuildRequires: first >= 1.0"), "/usr/share/second");

        BuildOutcome outcome = build(List.of(first, second), Map.of());

        assertThat(outcome.outcome())
                .as(Files.readString(task.resolve("build.log")))
                .isEqualTo(Outcome.SUCCESS);
        assertThat(outcome.products())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("first-1.0-1.noarch.rpm", "second-1.0-1.noarch.rpm", "rpmlint.log");
        assertThat(argsOf("first-1.0-1"))
                .containsExactly(
                        "--root",
                        "rocky+epel-9-x86_64",
                        "--resultdir=" + task.resolve("results/first-1.0-1").toAbsolutePath(),
                        "--uniqueext=pkgforge-task",
                        "--rebuild",
                        first.toAbsolutePath().toString());
        assertThat(argsOf("second-1.0-1"))
                .contains("--addrepo=file://" + task.resolve("localrepo").toAbsolutePath());
        assertThat(task.resolve("localrepo/repodata/repomd.xml")).isRegularFile();
        assertThat(Files.readString(task.resolve("build.log")))
                .contains("pkgforge-agent: mock's build.log of first-1.0-1 follows")
                .contains("building second")
                .contains("rpmlint: 0 error(s)");
    }

    @Test
    void underTheRetryPolicyAMemberSubmittedTooEarlyBuildsInTheNextPass() throws Exception {
        Path first = Srpms.build(temp, "first", "echo building first");
        Path second = Srpms.build(
                temp, "second", "echo building second", List.of("BuildRequires: first"), "/usr/share/second");

        BuildOutcome outcome = build(List.of(second, first), Map.of(BuildOptions.CHECK_POLICY, "off"));

        assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(Files.readString(task.resolve("build.log"))).contains("pass 2");
        assertThat(outcome.products()).hasSize(2);
    }

    @Test
    void anUnresolvableBuildRequiresIsNamedAndTheImmediatePolicyStopsThere() throws Exception {
        Path needy = Srpms.build(
                temp, "needy", "echo never", List.of("BuildRequires: no-such-thing >= 2"), "/usr/share/needy");

        BuildOutcome outcome = build(List.of(needy), Map.of(BuildOptions.ERROR_POLICY, "immediate"));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).isEqualTo("needy-1.0-1.src.rpm: missing BuildRequires: no-such-thing");
    }

    @Test
    void withoutAMockConfigTheAttemptIsAFarmFailure() throws Exception {
        BuildOutcome outcome = new MockBuilder(new CommandRunner())
                .build(
                        new BuildRequest(task, List.of(task.resolve("a.src.rpm")), "el9", "x86_64"),
                        new AttemptLog(task.resolve("build.log")));
        assertThat(outcome.outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(outcome.reason()).isEqualTo("builder option mockConfig is not set for this platform");
    }

    @Test
    void extraArgumentsMustBeSingleOptions() throws Exception {
        BuildOutcome outcome =
                build(List.of(task.resolve("a.src.rpm")), Map.of(MockBuilder.ARGS, "--with=tests, rm -rf /"));
        assertThat(outcome.outcome()).isEqualTo(Outcome.INFRA_FAIL);
        assertThat(outcome.reason()).isEqualTo("builder option mockArgs: 'rm -rf /' is not a single --option");
    }
}
