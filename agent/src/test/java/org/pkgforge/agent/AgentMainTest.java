package org.pkgforge.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.agent.connection.ControllerAddress;

@Timeout(10)
class AgentMainTest {
    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();

    @Test
    void withoutATokenOnStdinItIsAUsageError() {
        int exit = run("", "--controller", "127.0.0.1:1", "--name", "a", "--work-dir", temp.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("first line of stdin must be the one-time token");
    }

    @Test
    void aBadControllerAddressIsAUsageError() {
        int exit = run("tok\n", "--controller", "nohost", "--name", "a", "--work-dir", temp.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("expected HOST:PORT");
    }

    @Test
    void missingOptionsAreAUsageError() {
        assertThat(run("tok\n", "--name", "a")).isEqualTo(2);
        assertThat(err.toString()).contains("--controller").contains("--work-dir");
    }

    @Test
    void zeroSlotsIsAUsageError() {
        int exit = run("tok\n", "--controller", "h:1", "--name", "a", "--work-dir", temp.toString(), "--slots", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("slots must be at least 1");
    }

    @Test
    void theConfigNeverPrintsTheToken() {
        AgentConfig config = AgentConfig.of(new ControllerAddress("h", 1), "a", temp, 1, "s3cret-token");
        assertThat(config.toString()).doesNotContain("s3cret-token").contains("name=a");
    }

    private int run(String stdin, String... args) {
        return AgentMain.execute(args, new ByteArrayInputStream(stdin.getBytes(UTF_8)), new PrintWriter(err, true));
    }
}
