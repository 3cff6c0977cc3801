package org.pkgforge.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSettingsTest {
    @TempDir
    Path dir;

    @Test
    void proxyModeIsOffByDefault() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "webPort: 0\n");
        WebSettings web = ConfigFile.load(file, dir).web();
        assertThat(web.trustedProxies()).isEmpty();
        assertThat(web.userHeader()).isEqualTo("X-Remote-User");
        assertThat(web.sessionLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(ControllerConfig.defaults(dir).web()).isEqualTo(WebSettings.defaults());
    }

    @Test
    void aWebSectionSetsTrustedProxiesHeaderAndSessionLength() throws Exception {
        Path file = Files.writeString(
                dir.resolve("c.yaml"),
                "web:\n  trustedProxies: [127.0.0.1, '::1']\n  userHeader: X-Forwarded-User\n  sessionHours: 2\n");
        WebSettings web = ConfigFile.load(file, dir).web();
        assertThat(web.trustedProxies())
                .containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        assertThat(web.userHeader()).isEqualTo("X-Forwarded-User");
        assertThat(web.sessionLifetime()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void hostNamesAndUnknownKeysAreRefused() throws Exception {
        Path names = Files.writeString(dir.resolve("n.yaml"), "web:\n  trustedProxies: [proxy.example.org]\n");
        assertThatThrownBy(() -> ConfigFile.load(names, dir))
                .hasMessageContaining("n.yaml")
                .hasMessageContaining("'proxy.example.org' is not an IP address");
        Path typo = Files.writeString(dir.resolve("t.yaml"), "web:\n  trustedProxy: [127.0.0.1]\n");
        assertThatThrownBy(() -> ConfigFile.load(typo, dir))
                .hasMessageContaining("t.yaml line ")
                .hasMessageContaining("trustedProxy");
    }
}
