package org.pkgforge.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpConfigTest {
    @TempDir
    Path dir;

    @Test
    void disabledUnlessConfigured() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "webPort: 0\n");
        assertThat(ConfigFile.load(file, dir).sftp().enabled()).isFalse();
        assertThat(ControllerConfig.defaults(dir).sftp().enabled()).isFalse();
    }

    @Test
    void anSftpSectionEnablesItWithItsLimits() throws Exception {
        Path file = Files.writeString(
                dir.resolve("c.yaml"), "sftp:\n  port: 0\n  quotaBytes: 1000\n  abandonAfterHours: 2\n");
        SftpConfig sftp = ConfigFile.load(file, dir).sftp();
        assertThat(sftp.enabled()).isTrue();
        assertThat(sftp.port()).isZero();
        assertThat(sftp.bind()).isEqualTo("127.0.0.1");
        assertThat(sftp.quotaBytes()).isEqualTo(1000);
        assertThat(sftp.maxFiles()).isEqualTo(SftpConfig.disabled().maxFiles());
        assertThat(sftp.abandonAfter()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void unknownKeyIsAnErrorWithItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "sftp:\n  prot: 2222\n");
        assertThatThrownBy(() -> ConfigFile.load(file, dir))
                .hasMessageContaining("c.yaml line ")
                .hasMessageContaining("prot");
    }
}
