package org.pkgforge.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.testing.FakeController;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.Refused;

/**
 * The agent as launchers start it: a separate JVM, from the shaded jar or from a class path, with
 * the token on stdin. (Runs after {@code package}, so the shaded jar exists.)
 */
@Timeout(30)
class AgentProcessIT {
    private static final String TOKEN = "token-from-stdin";

    @TempDir
    Path temp;

    private FakeController controller;

    @BeforeEach
    void setUp() throws Exception {
        controller = new FakeController();
    }

    @AfterEach
    void tearDown() {
        controller.close();
    }

    @Test
    void theShadedJarReadsTheTokenFromStdinAndExits3WhenRefused() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("pkgforge-agent-.*-all\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no shaded jar in target/; run mvn package first"));
        }
        Process agent = start(List.of("-jar", jar.toString()));

        Hello hello = refuse(agent);

        assertThat(hello.agentVersion()).isNotEqualTo("dev").matches("\\d+\\.\\d+.*");
    }

    @Test
    void theMainClassRunsFromAClassPath() throws Exception {
        Process agent = start(List.of("-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));

        refuse(agent);
    }

    /** Checks Hello and argv, refuses the agent, and checks the exit code and message. */
    private Hello refuse(Process agent) throws Exception {
        try {
            FakeController.Connection connection = controller.accept();
            Hello hello = connection.next(Hello.class);
            assertThat(hello.token()).isEqualTo(TOKEN);
            assertThat(hello.agentName()).isEqualTo("proc-agent");
            assertThat(hello.slots()).isEqualTo(2);
            assertThat(agent.info().arguments().orElse(new String[0])).doesNotContain(TOKEN);

            connection.send(new Refused("token already used", true));

            assertThat(agent.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(agent.exitValue()).isEqualTo(3);
            String stderr = new String(agent.getErrorStream().readAllBytes(), UTF_8);
            assertThat(stderr).contains("refused by the controller: token already used");
            // The agent's own logback configuration (level before thread), not logback's default.
            assertThat(stderr).containsPattern("INFO  \\[main\\] Agent - Agent proc-agent");
            assertThat(stderr).doesNotContain("DEBUG");
            return hello;
        } finally {
            agent.destroyForcibly();
        }
    }

    private Process start(List<String> javaArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        command.addAll(List.of(
                "--controller",
                controller.address().toString(),
                "--name",
                "proc-agent",
                "--work-dir",
                temp.resolve("work").toString(),
                "--slots",
                "2"));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((TOKEN + "\n").getBytes(UTF_8));
        }
        return process;
    }
}
