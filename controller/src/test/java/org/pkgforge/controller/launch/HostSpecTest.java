package org.pkgforge.controller.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pkgforge.sql.row.Host.SshTarget;

class HostSpecTest {
    @Test
    void targetsParseWithAndWithoutPortAndForIpv6() {
        assertThat(HostSpec.parseTarget("build@b1.example.org"))
                .isEqualTo(new SshTarget("build", "b1.example.org", 22));
        assertThat(HostSpec.parseTarget("build@10.0.0.5:2222")).isEqualTo(new SshTarget("build", "10.0.0.5", 2222));
        assertThat(HostSpec.parseTarget("build@[fe80::1]:2200")).isEqualTo(new SshTarget("build", "fe80::1", 2200));
    }

    @Test
    void hostileTargetsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> HostSpec.parseTarget("b1.example.org")).hasMessageContaining("USER@HOST");
        assertThatThrownBy(() -> HostSpec.parseTarget("-oProxyCommand=x@h")).hasMessageContaining("not a valid login");
        assertThatThrownBy(() -> HostSpec.parseTarget("u@h;rm -rf")).hasMessageContaining("not a valid host");
        assertThatThrownBy(() -> HostSpec.parseTarget("u@h:70000")).hasMessageContaining("1..65535");
    }

    @Test
    void specsNeedPlatformsAndSaneValues() {
        SshTarget t = new SshTarget("u", "h", 22);
        assertThatThrownBy(() -> new HostSpec("b1", t, List.of(), 1, "w", "java"))
                .hasMessageContaining("--platform");
        assertThatThrownBy(() -> new HostSpec("b1", t, List.of("el9"), 1, "w", "java"))
                .hasMessageContaining("NAME/ARCH");
        assertThatThrownBy(() -> new HostSpec("b 1", t, List.of("el9/x86_64"), 1, "w", "java"))
                .hasMessageContaining("host name");
        assertThatThrownBy(() -> new HostSpec("b1", t, List.of("el9/x86_64"), 0, "w", "java"))
                .hasMessageContaining("slots");
        assertThatThrownBy(() -> new HostSpec("b1", t, List.of("el9/x86_64"), 1, "../../etc", "java"))
                .hasMessageContaining("work directory");
        assertThat(HostSpec.defaultWorkDir("b1")).isEqualTo(".pkgforge-agent/b1");
    }
}
