package org.pkgforge.agent.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.logs.AttemptLog;
import org.pkgforge.agent.testing.Polling;
import org.pkgforge.agent.testing.Processes;

@Timeout(20)
class CommandRunnerTest {
    @TempDir
    Path temp;

    private final CommandRunner runner = new CommandRunner();

    @Test
    void mergesStdoutAndStderrAfterAHeaderAndReturnsTheExitCode() throws Exception {
        AttemptLog log = new AttemptLog(temp.resolve("build.log"));

        int exit = runner.run(List.of("sh", "-c", "echo to-out; echo to-err >&2; exit 3"), temp, log);

        assertThat(exit).isEqualTo(3);
        assertThat(Files.readString(log.file(), UTF_8))
                .matches("\\+ sh -c 'echo to-out; echo to-err >&2; exit 3'\nto-out\nto-err\n"
                        + "pkgforge-agent: sh exited 3 after \\d+\\.\\d\\d s\n");
    }

    @Test
    void appendsAfterEarlierCommands() throws Exception {
        AttemptLog log = new AttemptLog(temp.resolve("build.log"));

        runner.run(List.of("echo", "one"), temp, log);
        runner.run(List.of("echo", "two"), temp, log);

        assertThat(Files.readString(log.file(), UTF_8))
                .matches("\\+ echo one\none\npkgforge-agent: echo exited 0 after \\d+\\.\\d\\d s\n"
                        + "\\+ echo two\ntwo\npkgforge-agent: echo exited 0 after \\d+\\.\\d\\d s\n");
    }

    @Test
    void anInterruptKillsTheWholeProcessTree() throws Exception {
        AttemptLog log = new AttemptLog(temp.resolve("build.log"));
        Path pids = temp.resolve("pids");
        String script = "sleep 60 & echo $! > " + pids + ".tmp; echo $$ >> " + pids + ".tmp; mv " + pids + ".tmp "
                + pids + "; wait";
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                runner.run(List.of("sh", "-c", script), temp, log);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        thread.start();
        assertThat(Polling.within(Duration.ofSeconds(5), () -> Files.exists(pids)))
                .isTrue();
        List<Long> started =
                Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).hasSize(2).allMatch(Processes::running);

        thread.interrupt();
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(Polling.within(Duration.ofSeconds(5), () -> started.stream().noneMatch(Processes::running)))
                .as("processes %s are gone", started)
                .isTrue();
    }

    @Test
    void quotesOnlyWhatTheShellWouldSplit() {
        assertThat(CommandRunner.quote("--define")).isEqualTo("--define");
        assertThat(CommandRunner.quote("_topdir /x/top")).isEqualTo("'_topdir /x/top'");
        assertThat(CommandRunner.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(CommandRunner.quote("")).isEqualTo("''");
    }
}
