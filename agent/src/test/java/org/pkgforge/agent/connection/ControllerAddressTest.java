package org.pkgforge.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControllerAddressTest {
    @Test
    void parsesHostAndPort() {
        assertThat(ControllerAddress.parse("ctl.example:7070")).isEqualTo(new ControllerAddress("ctl.example", 7070));
        assertThat(ControllerAddress.parse("[::1]:7070")).isEqualTo(new ControllerAddress("::1", 7070));
        assertThat(ControllerAddress.parse("[::1]:7070")).hasToString("[::1]:7070");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctl", "ctl:", ":7070", "ctl:http", "ctl:0", "ctl:70000"})
    void refusesWhatIsNotHostColonPort(String text) {
        assertThatThrownBy(() -> ControllerAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
