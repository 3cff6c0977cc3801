package org.pkgforge.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortFileLocatorTest {
    @TempDir
    Path dir;

    @Test
    void readsThePortTheControllerWroteAndNoticesARewrite() throws IOException {
        Path file = dir.resolve("controller.port");
        PortFileLocator locator = new PortFileLocator("127.0.0.1", file);
        assertThatThrownBy(locator::locate).hasMessageContaining("no controller port yet");

        Files.writeString(file, "40123\n");
        assertThat(locator.locate()).isEqualTo(new ControllerAddress("127.0.0.1", 40123));
        long before = locator.generation();
        Files.writeString(file, "40124\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(locator.generation()).isNotEqualTo(before);
        assertThat(locator.locate().port()).isEqualTo(40124);
    }

    @Test
    void garbageInThePortFileIsAnErrorNotACrash() throws IOException {
        Path file = Files.writeString(dir.resolve("controller.port"), "http://evil\n");
        assertThatThrownBy(() -> new PortFileLocator("127.0.0.1", file).locate())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a port");
        Files.writeString(file, "99999");
        assertThatThrownBy(() -> new PortFileLocator("127.0.0.1", file).locate())
                .isInstanceOf(IOException.class);
    }
}
