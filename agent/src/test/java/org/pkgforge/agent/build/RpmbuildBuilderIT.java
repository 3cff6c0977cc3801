package org.pkgforge.agent.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.logs.AttemptLog;
import org.pkgforge.agent.testing.Srpms;
import org.pkgforge.protocol.message.TaskResult.Outcome;

/** The host's real rpmbuild on real source RPMs. */
@Timeout(30)
class RpmbuildBuilderIT {
    @TempDir
    Path temp;

    private final RpmbuildBuilder builder = new RpmbuildBuilder(new CommandRunner());

    @Test
    void buildsABinaryRpmAndLogsRpmbuildOutput() throws Exception {
        Path srpm = Srpms.build(temp, "hello", "echo building hello");

        BuildOutcome outcome = build(List.of(srpm));

        assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(outcome.products())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("hello-1.0-1.noarch.rpm");
        assertThat(outcome.products().get(0)).isRegularFile();
        String log = log();
        assertThat(log).contains("+ rpm --initdb --dbpath " + temp.resolve("task/rpmdb"));
        assertThat(log).contains("+ rpmbuild --rebuild --nodeps --define '_topdir " + temp.resolve("task/top") + "'");
        assertThat(log).contains("building hello").contains("Wrote: ");
        // rpm must not have used /var/tmp or the host database.
        assertThat(temp.resolve("task/tmp")).isDirectory();
        assertThat(temp.resolve("task/rpmdb")).isDirectory();
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
    void aSetBuildsInOrderInOneTree() throws Exception {
        Path first = Srpms.build(temp, "first", "echo building first");
        // Proves the order: the second package's build sees the first one's product.
        Path second = Srpms.build(
                temp, "second", "test -f %{_topdir}/RPMS/noarch/first-1.0-1.noarch.rpm && echo first is there");

        BuildOutcome outcome = build(List.of(first, second));

        assertThat(outcome.outcome()).as(log()).isEqualTo(Outcome.SUCCESS);
        assertThat(outcome.products())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("first-1.0-1.noarch.rpm", "second-1.0-1.noarch.rpm");
        String log = log();
        assertThat(log.indexOf("building first")).isLessThan(log.indexOf("first is there"));
    }

    @Test
    void aSetStopsAtTheFirstFailure() throws Exception {
        // rpmbuild reports any failed scriptlet as exit code 1, whatever the script returned.
        Path broken = Srpms.build(temp, "broken", "exit 2");
        Path after = Srpms.build(temp, "after", "echo should not run");

        BuildOutcome outcome = build(List.of(broken, after));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).isEqualTo("broken-1.0-1.src.rpm: rpmbuild exited 1");
        assertThat(log()).doesNotContain("after-1.0-1.src.rpm").doesNotContain("should not run");
    }

    @Test
    void aMissingSourceIsAFailNotACrash() throws Exception {
        BuildOutcome outcome = build(List.of(temp.resolve("absent-1.0-1.src.rpm")));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outcome.reason()).startsWith("absent-1.0-1.src.rpm: rpmbuild exited ");
    }

    private BuildOutcome build(List<Path> sources) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("task"));
        AttemptLog log = new AttemptLog(dir.resolve("build.log"));
        return builder.build(new BuildRequest(dir, sources, "el9", "x86_64"), log);
    }

    private String log() throws Exception {
        return Files.readString(temp.resolve("task/build.log"), UTF_8);
    }
}
