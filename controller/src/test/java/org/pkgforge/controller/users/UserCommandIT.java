package org.pkgforge.controller.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.testing.ConfigFiles;
import org.pkgforge.controller.testing.ControllerCli;
import org.pkgforge.controller.testing.ssh.SshKeys;
import org.pkgforge.sql.row.UserKey;
import org.pkgforge.sql.testing.PostgresExtension;

/** {@code pkgforge user ...} as an admin runs it, against a real registry. */
class UserCommandIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path dir;

    Path config;
    UserService users;

    @BeforeEach
    void setUp() throws Exception {
        pg.execute("TRUNCATE farm_user CASCADE");
        config = ConfigFiles.controllerYaml(dir, pg);
        users = new UserService(pg.controllerJdbi());
    }

    private int pkgforge(String... args) {
        return ControllerCli.run(config, args).exit();
    }

    @Test
    void userAddedWithKeyFileThenSecondKeyAsTextThenRevoked() throws Exception {
        Path first = SshKeys.generateEd25519(dir, "first").privateKey();
        Path second = SshKeys.generateEd25519(dir, "second").privateKey();
        assertThat(pkgforge(
                        "user",
                        "add",
                        "alice",
                        "--key",
                        SshKeys.publicKeyFile(first).toString()))
                .isZero();
        String secondText = Files.readString(SshKeys.publicKeyFile(second)).strip();
        assertThat(pkgforge("user", "key", "add", "alice", "--key", secondText)).isZero();

        assertThat(users.keys("alice"))
                .extracting(UserKey::fingerprint)
                .containsExactly(
                        SshKeys.fingerprint(SshKeys.publicKeyFile(first)),
                        SshKeys.fingerprint(SshKeys.publicKeyFile(second)));
        assertThat(users.find("alice").orElseThrow().admin()).isFalse();

        assertThat(pkgforge("user", "key", "revoke", "alice", SshKeys.fingerprint(SshKeys.publicKeyFile(first))))
                .isZero();
        assertThat(users.keys("alice")).extracting(UserKey::revoked).containsExactly(true, false);
        assertThat(pkgforge("user", "key", "list", "alice")).isZero();
    }

    @Test
    void adminFlagIsStored() throws Exception {
        Path key = SshKeys.generateEd25519(dir, "root").privateKey();
        assertThat(pkgforge(
                        "user",
                        "add",
                        "boss",
                        "--admin",
                        "--key",
                        SshKeys.publicKeyFile(key).toString()))
                .isZero();
        assertThat(users.find("boss").orElseThrow().admin()).isTrue();
    }

    @Test
    void adminFlagIsGrantedAndRevokedAndAFarmWithoutAdminIsPointedOut() throws Exception {
        Path key = SshKeys.generateEd25519(dir, "k").privateKey();
        assertThat(pkgforge(
                        "user",
                        "add",
                        "alice",
                        "--key",
                        SshKeys.publicKeyFile(key).toString()))
                .isZero();
        ControllerCli.Result granted = cli("user", "set", "alice", "--admin");
        assertThat(granted.exit()).isZero();
        assertThat(granted.out()).isEqualTo("alice is an admin\n");
        assertThat(users.find("alice").orElseThrow().admin()).isTrue();

        ControllerCli.Result revoked = cli("user", "set", "alice", "--no-admin");
        assertThat(revoked.exit()).isZero();
        assertThat(revoked.out()).isEqualTo("alice is no longer an admin\n");
        assertThat(revoked.err()).contains("the farm has no admin now", "pkgforge user set NAME --admin");
        assertThat(users.find("alice").orElseThrow().admin()).isFalse();

        ControllerCli.Result nobody = cli("user", "set", "nobody", "--admin");
        assertThat(nobody.exit()).isEqualTo(2);
        assertThat(nobody.err()).contains("no user nobody");
        assertThat(cli("user", "set", "alice").exit())
                .as("--admin or --no-admin is required")
                .isEqualTo(2);
    }

    private ControllerCli.Result cli(String... args) {
        return ControllerCli.run(config, args);
    }

    @Test
    void badInputIsAUsageErrorAndChangesNothing() throws Exception {
        Path key = SshKeys.generateEd25519(dir, "k").privateKey();
        assertThat(pkgforge(
                        "user",
                        "add",
                        "../root",
                        "--key",
                        SshKeys.publicKeyFile(key).toString()))
                .isEqualTo(2);
        assertThat(pkgforge("user", "add", "bob", "--key", key.toString())).isEqualTo(2); // the private key
        assertThat(pkgforge("user", "add", "bob", "--key", "ssh-ed25519 not-base64"))
                .isEqualTo(2);
        assertThat(pkgforge("user", "key", "revoke", "nobody", "SHA256:x")).isEqualTo(2);
        assertThat(users.users()).isEmpty();
    }

    @Test
    void sameLiveKeyCannotServeTwoUsers() throws Exception {
        Path key = SshKeys.generateEd25519(dir, "shared").privateKey();
        String pub = SshKeys.publicKeyFile(key).toString();
        assertThat(pkgforge("user", "add", "alice", "--key", pub)).isZero();
        assertThat(pkgforge("user", "add", "bob", "--key", pub)).isEqualTo(2);
        assertThat(users.find("bob")).isEmpty();
    }
}
