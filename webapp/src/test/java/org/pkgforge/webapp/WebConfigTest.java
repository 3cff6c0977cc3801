package org.pkgforge.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WebConfigTest {
    private static final Path DIR = Path.of("/srv/pkgforge");

    @Test
    void acceptsEphemeralAndFixedPorts() {
        assertThat(new WebConfig("127.0.0.1", 0, DIR, DIR).port()).isZero();
        assertThat(new WebConfig("::", 8080, DIR, DIR).bindAddress()).isEqualTo("::");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new WebConfig("127.0.0.1", 65536, DIR, DIR)).hasMessageContaining("port");
        assertThatThrownBy(() -> new WebConfig(" ", 80, DIR, DIR)).hasMessageContaining("bindAddress");
        assertThatThrownBy(() -> new WebConfig("127.0.0.1", 80, null, DIR)).hasMessageContaining("resultsDir");
    }
}
