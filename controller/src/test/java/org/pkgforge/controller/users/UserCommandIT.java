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
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return ControllerMain.run(all);
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
