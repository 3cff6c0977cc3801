package org.pkgforge.controller.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.host.HostCommand;

/** The launcher's shell scripts, run for real with the local sh. */
class HostScriptsTest {
    @TempDir
    Path dir;

    private String sh(String script) throws IOException {
        return HostCommand.run(List.of("sh", "-c", script), dir, Duration.ofSeconds(20))
                .strip();
    }

    @Test
    void javaMajorVersionIsReadFromEveryKnownFormat() {
        assertThat(HostScripts.javaMajor("openjdk version \"17.0.15\" 2025-04-15"))
                .hasValue(17);
        assertThat(HostScripts.javaMajor("java version \"1.8.0_292\"")).hasValue(8);
        assertThat(HostScripts.javaMajor("openjdk version \"21\" 2023-09-19")).hasValue(21);
        assertThat(HostScripts.javaMajor("bash: java: command not found")).isEmpty();
    }

    @Test
    void theLocalJavaPassesTheCheckAndAMissingOneIsNamed() throws IOException {
        assertThat(HostScripts.javaMajor(sh(HostScripts.javaVersion("java"))).getAsInt())
                .isGreaterThanOrEqualTo(17);
        assertThat(sh("(" + HostScripts.javaVersion("/nonexistent/java") + ") 2>&1; echo \"exit=$?\""))
                .contains("exit=127");
    }

    @Test
    void statusTellsNoAgentFromADeadOneFromALiveOne() throws Exception {
        String work = dir.resolve("w").toString();
        sh(HostScripts.prepare(work));
        assertThat(sh(HostScripts.status(work))).isEqualTo("none");

        Process notAnAgent = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(Path.of(work, "agent.pid"), notAnAgent.pid() + "\n");
            // A live process that is not our agent (a reused pid) counts as dead.
            assertThat(sh(HostScripts.status(work))).isEqualTo("dead " + notAnAgent.pid());
        } finally {
            notAnAgent.destroyForcibly().waitFor();
        }
        Path jar = Path.of(work, HostScripts.JAR);
        Files.writeString(jar, "not really a jar");
        Process agentLike = new ProcessBuilder("sh", "-c", "sleep 30", jar.toString()).start();
        try {
            Files.writeString(Path.of(work, "agent.pid"), agentLike.pid() + "\n");
            assertThat(sh(HostScripts.status(work))).isEqualTo("alive " + agentLike.pid());
            sh(HostScripts.stop(work));
            assertThat(agentLike.waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(Path.of(work, "agent.pid")).doesNotExist();
        } finally {
            agentLike.destroyForcibly();
        }
    }

    @Test
    void prepareReportsTheInstalledJarsChecksumAndWritePortIsAtomic() throws IOException {
        String work = dir.resolve("w b").toString();
        assertThat(sh(HostScripts.prepare(work))).isEmpty();
        Files.writeString(Path.of(work, HostScripts.JAR), "x");
        assertThat(sh(HostScripts.prepare(work)))
                .isEqualTo("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
        sh(HostScripts.writePort(work, 40123));
        assertThat(Files.readString(Path.of(work, "controller.port"))).isEqualTo("40123\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(work))))
                .isEqualTo("rwx------");
    }

    @Test
    void theLaunchTokenIsNeverOnACommandLine() {
        String script = HostScripts.launch("/w", "java", "b1", 2);
        assertThat(script).contains("read -r token").contains("printf '%s\\n' \"$token\" | setsid");
        assertThat(script).doesNotContain("--token");
    }

    @Test
    void aLaunchWhoseAgentExitsAtOnceFailsWithTheEndOfItsLog() throws IOException {
        String work = dir.resolve("w").toString();
        sh(HostScripts.prepare(work));
        Path fakeJava = dir.resolve("fake-java");
        Files.writeString(fakeJava, "#!/bin/sh\necho 'Error: Unable to access jarfile' >&2\nexit 1\n");
        fakeJava.toFile().setExecutable(true);
        String out = HostCommand.run(
                List.of(
                        "sh",
                        "-c",
                        "printf 'token\\n' | (" + HostScripts.launch(work, fakeJava.toString(), "b1", 1)
                                + ") 2>&1; echo \"exit=$?\""),
                dir,
                Duration.ofSeconds(30));
        assertThat(out)
                .contains("the agent exited at once")
                .contains("Unable to access jarfile")
                .contains("exit=1");
    }
}
