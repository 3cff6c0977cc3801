package org.pkgforge.controller.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.SftpServerFixture;
import org.pkgforge.controller.testing.ssh.SshKeys;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;

/** {@code pkgforge submit} and the remote commands against the real submission server. */
@Timeout(120)
class SubmitOverSshIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    static String arch;

    @TempDir
    Path dir;

    SftpServerFixture farm;
    Path alice;
    StringWriter out;
    StringWriter err;
    Map<String, String> env;

    @BeforeAll
    static void platforms() {
        arch = FarmFixture.activeAutoPlatform(pg, "el9", FarmFixture.rpmArch());
    }

    @BeforeEach
    void setUp() throws Exception {
        pg.execute("TRUNCATE farm_user CASCADE");
        farm = SftpServerFixture.start(dir.resolve("farm"), pg);
        alice = farm.addUser("alice");
        env = new HashMap<>(Map.of("HOME", dir.resolve("home").toString(), "USER", "alice"));
    }

    @AfterEach
    void tearDown() throws Exception {
        farm.close();
    }

    private int pkgforge(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return PkgforgeCli.run(new PrintWriter(out), new PrintWriter(err), env, args);
    }

    private String[] connection(Path key, String... rest) {
        List<String> all = new ArrayList<>(List.of(
                "--server",
                "alice@127.0.0.1:" + farm.port(),
                "--identity",
                key.toString(),
                "--known-hosts",
                farm.knownHosts().toString()));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private String[] submit(Path key, String... rest) throws Exception {
        List<String> all = new ArrayList<>(List.of("submit", "-B", "devel", "--nowait"));
        all.addAll(List.of(connection(key, rest)));
        all.add(SamplePackages.helloSrpm().toString());
        return all.toArray(String[]::new);
    }

    @Test
    void submitUploadsCommitsAndPrintsTheIdOnlyAfterRegistration() throws Exception {
        assertThat(pkgforge(submit(alice, "--id", "cli-1"))).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("Submitted 1 package as job cli-1" + System.lineSeparator());
        assertThat(pg.controllerJdbi()
                        .onDemand(JobDao.class)
                        .findByUuid("cli-1")
                        .orElseThrow()
                        .submitter())
                .isEqualTo("alice");

        assertThat(pkgforge(submit(alice, "--id", "cli-1"))).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("Already submitted: 1 package as job cli-1" + System.lineSeparator());
        assertThat(farm.registered()).hasSize(1);

        String[] status = new String[] {"status"};
        List<String> args = new ArrayList<>(List.of(status));
        args.addAll(List.of(connection(alice, "cli-1")));
        assertThat(pkgforge(args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("job cli-1 registered").contains("el9-" + arch + " needs_build");
    }

    @Test
    void jsonOutput() throws Exception {
        assertThat(pkgforge(submit(alice, "--id", "cli-json", "-o", "json")))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("{\"id\":\"cli-json\",\"existing\":false}");
    }

    @Test
    void configFileWithTheOriginalOptionNames() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "bucket: devel",
                        "platforms: [auto]",
                        "server: 127.0.0.1",
                        "port: " + farm.port(),
                        "user: alice",
                        "identity: " + alice,
                        "known_hosts: " + farm.knownHosts(),
                        ""));
        env.put("PKGFORGE_CONFIG", config.toString());
        assertThat(pkgforge(
                        "submit",
                        "--nowait",
                        "--id",
                        "cli-conf",
                        SamplePackages.helloSrpm().toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("as job cli-conf");
    }

    @Test
    void unknownConfigKeyIsAConfigErrorWithAHint() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "bucket: devel\nplatfroms: [auto]\n");
        env.put("PKGFORGE_CONFIG", config.toString());
        assertThat(pkgforge("submit", "--nowait", SamplePackages.helloSrpm().toString()))
                .isEqualTo(5);
        assertThat(err.toString()).contains(config + ":2:1: unknown key 'platfroms', did you mean 'platforms'?");
    }

    @Test
    void exitCodesForAuthConfigAndRejection() throws Exception {
        Path stranger = SshKeys.generateEd25519(dir, "stranger").privateKey();
        assertThat(pkgforge(submit(stranger, "--id", "cli-x"))).isEqualTo(4);
        assertThat(err.toString()).contains("the farm refused key");

        Path otherHosts = dir.resolve("other_known_hosts");
        Files.writeString(
                otherHosts, "[127.0.0.1]:" + farm.port() + " " + Files.readString(SshKeys.publicKeyFile(stranger)));
        List<String> args = new ArrayList<>(List.of(submit(alice, "--id", "cli-y")));
        args.set(args.indexOf(farm.knownHosts().toString()), otherHosts.toString());
        assertThat(pkgforge(args.toArray(String[]::new))).isEqualTo(4);
        assertThat(err.toString()).contains("host key");

        assertThat(pkgforge("submit", "-B", "devel", SamplePackages.helloSrpm().toString()))
                .isEqualTo(5);
        assertThat(err.toString()).contains("no farm configured");

        assertThat(pkgforge(submit(alice, "--id", "cli-z", "-p", "fedora-99"))).isEqualTo(3);
        assertThat(err.toString()).contains("job cli-z rejected: no target platform selected");

        assertThat(pkgforge(submit(alice, "--id", "../x"))).isEqualTo(1);
        assertThat(err.toString()).contains("job id");
    }

    @Test
    void remoteCommandsRelayOutputAndExitCodes() throws Exception {
        List<String> args = new ArrayList<>(List.of("whoami"));
        args.addAll(List.of(connection(alice)));
        assertThat(pkgforge(args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("alice");
        args.set(0, "status");
        args.add("no-such-job");
        assertThat(pkgforge(args.toArray(String[]::new))).isEqualTo(3);
        assertThat(err.toString()).contains("no job no-such-job");
    }
}
