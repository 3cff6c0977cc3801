package org.pkgforge.controller.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.cli.ControllerMain;
import org.pkgforge.controller.testing.ConfigFiles;
import org.pkgforge.controller.testing.SshKeys;
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
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return ControllerMain.run(all);
    }

    @Test
    void userAddedWithKeyFileThenSecondKeyAsTextThenRevoked() throws Exception {
        Path first = SshKeys.ed25519(dir, "first");
        Path second = SshKeys.ed25519(dir, "second");
        assertThat(pkgforge(
                        "user",
                        "add",
                        "alice",
                        "--key",
                        SshKeys.publicKey(first).toString()))
                .isZero();
        String secondText = Files.readString(SshKeys.publicKey(second)).strip();
        assertThat(pkgforge("user", "key", "add", "alice", "--key", secondText)).isZero();

        assertThat(users.keys("alice"))
                .extracting(UserKey::fingerprint)
                .containsExactly(SshKeys.fingerprint(first), SshKeys.fingerprint(second));
        assertThat(users.find("alice").orElseThrow().admin()).isFalse();

        assertThat(pkgforge("user", "key", "revoke", "alice", SshKeys.fingerprint(first)))
                .isZero();
        assertThat(users.keys("alice")).extracting(UserKey::revoked).containsExactly(true, false);
        assertThat(pkgforge("user", "key", "list", "alice")).isZero();
    }

    @Test
    void adminFlagIsStored() throws Exception {
        Path key = SshKeys.ed25519(dir, "root");
        assertThat(pkgforge(
                        "user",
                        "add",
                        "boss",
                        "--admin",
                        "--key",
                        SshKeys.publicKey(key).toString()))
                .isZero();
        assertThat(users.find("boss").orElseThrow().admin()).isTrue();
    }

    @Test
    void badInputIsAUsageErrorAndChangesNothing() throws Exception {
        Path key = SshKeys.ed25519(dir, "k");
        assertThat(pkgforge(
                        "user",
                        "add",
                        "../root",
                        "--key",
                        SshKeys.publicKey(key).toString()))
                .isEqualTo(2);
        assertThat(pkgforge("user", "add", "bob", "--key", key.toString())).isEqualTo(2); // the private key
        assertThat(pkgforge("user", "add", "bob", "--key", "ssh-ed25519 not-base64"))
                .isEqualTo(2);
        assertThat(pkgforge("user", "key", "revoke", "nobody", "SHA256:x")).isEqualTo(2);
        assertThat(users.users()).isEmpty();
    }

    @Test
    void sameLiveKeyCannotServeTwoUsers() throws Exception {
        Path key = SshKeys.ed25519(dir, "shared");
        String pub = SshKeys.publicKey(key).toString();
        assertThat(pkgforge("user", "add", "alice", "--key", pub)).isZero();
        assertThat(pkgforge("user", "add", "bob", "--key", pub)).isEqualTo(2);
        assertThat(users.find("bob")).isEmpty();
    }
}
