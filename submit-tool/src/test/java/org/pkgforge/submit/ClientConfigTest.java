package org.pkgforge.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {
    @TempDir
    Path dir;

    @Test
    void userFileOverridesSystemFileAndListsAreJoined() throws Exception {
        Path system = Files.writeString(dir.resolve("system.yaml"), "bucket: stable\nserver: farm.example.org\n");
        Path user = Files.writeString(dir.resolve("user.yaml"), "bucket: devel\nplatforms: [el9, '!el8']\n");
        ClientConfig c = ClientConfig.load(
                Map.of("PKGFORGE_SYSTEM_CONFIG", system.toString(), "PKGFORGE_CONFIG", user.toString()));
        assertThat(c.get("bucket")).contains("devel");
        assertThat(c.get("server")).contains("farm.example.org");
        assertThat(c.get("platforms")).contains("el9,!el8");
    }

    @Test
    void unknownKeyNamesFileLineColumnAndAHint() throws Exception {
        Path user = Files.writeString(dir.resolve("user.yaml"), "bucket: devel\n  \narchs: all\ntagret: x\n");
        assertThatThrownBy(() -> ClientConfig.read(user))
                .hasMessage(
                        user + ":4:1: unknown key 'tagret', did you mean 'target'?; known keys: " + ClientConfig.KEYS);
    }

    @Test
    void nestedValuesAreRefusedWithTheirPlace() throws Exception {
        Path nested = Files.writeString(dir.resolve("nested.yaml"), "bucket: devel\nreport: {deep: 1}\n");
        assertThatThrownBy(() -> ClientConfig.read(nested))
                .hasMessage(nested + ":2:1: report: expected a value or a list of values");
    }
}
