package org.pkgforge.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerIdentityTest {
    @TempDir
    Path dir;

    @Test
    void createdOnceAsAnEd25519KeyReadableOnlyByItsOwner() throws Exception {
        Path file = dir.resolve("ssh/id_ed25519");
        ControllerIdentity first = ControllerIdentity.loadOrCreate(file);
        ControllerIdentity again = ControllerIdentity.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first.authorizedKeysLine()).startsWith("ssh-ed25519 AAAA").endsWith(" pkgforge-controller");
        assertThat(again.authorizedKeysLine()).isEqualTo(first.authorizedKeysLine());
        assertThat(Files.readString(file.resolveSibling("id_ed25519.pub")).strip())
                .isEqualTo(first.authorizedKeysLine());
        assertThat(Files.readString(file)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    }

    @Test
    void hostKeysAreComparedAsKeysAndFingerprintedLikeSshKeygen() throws Exception {
        String line = ControllerIdentity.loadOrCreate(dir.resolve("k")).authorizedKeysLine();
        String bare = line.substring(0, line.lastIndexOf(' '));
        assertThat(HostKeys.same(HostKeys.parse(line), HostKeys.parse(bare))).isTrue();
        assertThat(HostKeys.line(HostKeys.parse(line))).isEqualTo(bare);
        assertThat(HostKeys.fingerprint(line)).startsWith("SHA256:").hasSize(50);
        assertThatThrownBy(() -> HostKeys.parse("ssh-ed25519 not-base64\u001b[31m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an OpenSSH public key")
                .hasMessageNotContaining("\u001b");
    }
}
