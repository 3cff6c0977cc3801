package org.pkgforge.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aBucketPlatformKeyOverridesTheBucketsAndUnlistedBucketsAreNotSigned() {
        SigningSettings s = new SigningSettings("/srv/gnupg", Map.of("stable", "AAAA1111", "stable/el9", "BBBB2222"));
        assertThat(s.keyFor("stable", "el8")).contains(new SigningSettings.Key(Path.of("/srv/gnupg"), "AAAA1111"));
        assertThat(s.keyFor("stable", "el9")).contains(new SigningSettings.Key(Path.of("/srv/gnupg"), "BBBB2222"));
        assertThat(s.keyFor("devel", "el9")).isEmpty();
        assertThat(SigningSettings.none().keyFor("stable", "el9")).isEmpty();
    }

    @Test
    void keysNeedAGnupgHomeAndPlainKeyIds() {
        assertThatThrownBy(() -> new SigningSettings(null, Map.of("stable", "AAAA1111")))
                .hasMessageContaining("signing.gnupgHome is needed");
        assertThatThrownBy(() -> new SigningSettings("/g", Map.of("stable", "%{lua: os.execute('x')}")))
                .hasMessageContaining("signing.keys.stable: not a GPG key id");
    }

    @Test
    void readFromControllerYaml() throws Exception {
        Path yaml = Files.writeString(
                dir.resolve("controller.yaml"),
                "signing:\n  gnupgHome: /srv/gnupg\n  keys:\n    stable: releng@example.org\n");
        ControllerConfig c = ConfigFile.load(yaml, dir);
        assertThat(c.signing().keyFor("stable", "el9").orElseThrow().id()).isEqualTo("releng@example.org");
    }
}
