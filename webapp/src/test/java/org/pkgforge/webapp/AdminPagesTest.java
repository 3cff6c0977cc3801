package org.pkgforge.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.webapp.actions.AdminActions;
import org.pkgforge.webapp.actions.JobActions;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.Submissions;
import org.pkgforge.webapp.actions.WebActions;
import org.pkgforge.webapp.actions.WebUser;
import org.pkgforge.webapp.testing.PageClient;
import org.pkgforge.webapp.testing.RecordingAdmin;
import org.pkgforge.webapp.testing.StubLogins;

/**
 * The admin pages over HTTP against a real registry read as the web role: what they show (live
 * slots, host key fingerprints, both keys after a change, key fingerprints but never keys, the
 * queue in claim order) and what their forms send to the admin actions (a stand-in that records).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminPagesTest {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    @TempDir
    static Path tmp;

    static final String PINNED = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICY0Dq9gSaBNI6LgMH+hc+3/2cdsliAouCSVhHq6+R2i";
    static final String PINNED_FP = "SHA256:GeyPztDnl0LV82ZSAJnxDybUhuVECLEnmHCxrdqLO78";
    static final String OFFERED = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGY47uzR47B8a6nVweN5UXW4cFFTVeWPc9YK5YRzbS39";
    static final String OFFERED_FP = "SHA256:wazfeofOx4JufXGhFEM/E1Q0gnlxyrmGAyt4iZJI9oM";
    static final String XSS = "<script>alert(1)</script>";

    private static final RecordingAdmin admin = new RecordingAdmin();
    private static WebServer server;
    private static PageClient carol;

    @BeforeAll
    static void start() {
        pg.execute("INSERT INTO platform (name, arch, active, auto) VALUES ('el9', 'x86_64', true, true),"
                + " ('el8', 'x86_64', false, false)");
        pg.execute("INSERT INTO agent (name, slots, state, last_seen, launcher, ssh_user, ssh_host, ssh_port,"
                + " host_key, work_dir) VALUES"
                + " ('b1', 2, 'online', now() - interval '3 minutes', 'ssh', 'build', 'b1.example.org', 22, '"
                + PINNED + "', 'w'),"
                + " ('b2', 1, 'offline', NULL, 'ssh', 'build', '10.0.0.2', 2222, '" + PINNED + "', 'w')");
        pg.execute("UPDATE agent SET offered_host_key = '" + OFFERED + "', state_reason = 'host key changed " + XSS
                + "' WHERE name = 'b2'");
        pg.execute("INSERT INTO agent (name, slots, state) VALUES ('local', 1, 'online')");
        pg.execute("INSERT INTO agent_platform (agent_id, platform_id) SELECT a.id, p.id FROM agent a, platform p"
                + " WHERE p.name = 'el9'");
        for (String job : new String[] {"r1", "r2"}) {
            pg.execute("INSERT INTO job (uuid, bucket, submitter, status) VALUES ('" + job + "', 'main', 'bob',"
                    + " 'registered')");
            pg.execute("INSERT INTO task (job_id, platform_id, status, attempts) SELECT j.id, p.id, 'building', 1"
                    + " FROM job j, platform p WHERE j.uuid = '" + job + "' AND p.name = 'el9'");
            pg.execute("INSERT INTO attempt (task_id, number, agent_name, lease_expires) SELECT t.id, 1, 'b1',"
                    + " now() + interval '1 hour' FROM task t JOIN job j ON j.id = t.job_id WHERE j.uuid = '" + job
                    + "'");
        }
        pg.execute("INSERT INTO job (uuid, bucket, submitter, status) VALUES ('late', 'main', 'dave', 'registered'),"
                + " ('early', 'devel', 'erin', 'registered')");
        pg.execute("INSERT INTO task (job_id, platform_id, queued_at) SELECT j.id, p.id,"
                + " CASE j.uuid WHEN 'early' THEN now() - interval '2 hours' ELSE now() - interval '5 minutes' END"
                + " FROM job j, platform p WHERE j.uuid IN ('late', 'early') AND p.name = 'el9'");
        pg.execute("INSERT INTO farm_user (name, admin) VALUES ('carol', true), ('dave', false)");
        pg.execute("INSERT INTO user_key (user_id, algorithm, public_key, fingerprint, comment, revoked_at)"
                + " SELECT u.id, 'ssh-ed25519', '" + PINNED + "', '" + PINNED_FP + "', 'laptop " + XSS + "', NULL"
                + " FROM farm_user u WHERE u.name = 'dave'");
        pg.execute("INSERT INTO user_key (user_id, algorithm, public_key, fingerprint, revoked_at)"
                + " SELECT u.id, 'ssh-ed25519', '" + OFFERED + "', '" + OFFERED_FP + "', now()"
                + " FROM farm_user u WHERE u.name = 'dave'");
        server = new WebServer(
                new WebConfig("127.0.0.1", 0, tmp.resolve("results"), tmp.resolve("repos")),
                WebRole.jdbi(pg),
                new WebActions(
                                new StubLogins(Map.of("carol-session", new WebUser("carol", true))),
                                JOBS,
                                Submissions.NONE)
                        .withAdmin(admin.actions()));
        server.start();
        carol = new PageClient(server.baseUrl(), "carol-session");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void forget() {
        admin.calls().clear();
    }

    @Test
    void hostsShowStateLiveSlotsAndPinnedFingerprints() throws Exception {
        String page = carol.page("/admin/hosts");
        String b1 = row(page, "data-host=\"b1\"");
        assertThat(b1)
                .contains("status-online", "2 / 2", "busy full", "el9/x86_64", "build@b1.example.org:22", PINNED_FP)
                .containsPattern("<time datetime=\"[^\"]+\" title=\"[^\"]+ UTC\">3 min ago</time>")
                .contains("/admin/hosts/b1/disable")
                .doesNotContain("/admin/hosts/b1/enable", "/admin/hosts/b1/pin", "presented instead");
        String b2 = row(page, "data-host=\"b2\"");
        assertThat(b2)
                .contains("status-offline", "0 / 1", "build@10.0.0.2:2222", "never")
                .contains(PINNED_FP, "presented instead: <span class=\"offered\">" + OFFERED_FP)
                .contains("action=\"/admin/hosts/b2/pin\"", "name=\"host_key\" value=\"" + OFFERED + "\"")
                .contains("host key changed &lt;script&gt;")
                .doesNotContain(XSS);
        assertThat(page).contains("Local agents", ">local<", "ssh-ed25519 AAAAcontroller pkgforge-controller");
    }

    @Test
    void addingAHostProbesThenPinsExactlyTheKeyShown() throws Exception {
        admin.offer(new AdminActions.OfferedKey(OFFERED, "ssh-ed25519", OFFERED_FP));
        HttpResponse<String> probe = carol.post(
                "/admin/hosts",
                "/admin/hosts",
                "name",
                "b3",
                "ssh",
                "build@127.0.0.1:2200",
                "platforms",
                "el9/x86_64, el8/x86_64",
                "slots",
                "3");
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.body())
                .contains("id=\"host-fingerprint\">" + OFFERED_FP + "<", "name=\"host_key\" value=\"" + OFFERED + "\"")
                .contains("name=\"ssh\" value=\"build@127.0.0.1:2200\"", "action=\"/admin/hosts/confirm\"");
        assertThat(admin.calls())
                .containsExactly("admin probeHost carol HostRequest[name=b3, ssh=build@127.0.0.1:2200,"
                        + " platforms=[el9/x86_64, el8/x86_64], slots=3, workDir=null, javaCommand=null]");

        admin.calls().clear();
        HttpResponse<String> confirmed = carol.post(
                "/admin/hosts",
                "/admin/hosts/confirm",
                "name",
                "b3",
                "ssh",
                "build@127.0.0.1:2200",
                "platforms",
                "el9/x86_64",
                "slots",
                "3",
                "work_dir",
                "/srv/agent",
                "host_key",
                OFFERED);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("added build host b3");
        assertThat(admin.calls())
                .singleElement()
                .asString()
                .startsWith("admin addHost carol")
                .endsWith(OFFERED);
        assertThat(admin.calls().get(0)).contains("workDir=/srv/agent");
    }

    @Test
    void aRefusalComesBackOnTheFormWithItsStatusEscaped() throws Exception {
        admin.refuseNext(new Refused(Refused.Kind.CONFLICT, "cannot fetch the host key: " + XSS));
        HttpResponse<String> probe =
                carol.post("/admin/hosts", "/admin/hosts", "name", "b4" + XSS, "ssh", "x@y", "platforms", "el9/x86_64");
        assertThat(probe.statusCode()).isEqualTo(409);
        assertThat(probe.body())
                .contains("cannot fetch the host key: &lt;script&gt;", "name=\"name\" value=\"b4&lt;script&gt;")
                .doesNotContain(XSS);
        HttpResponse<String> badSlots = carol.post(
                "/admin/hosts", "/admin/hosts", "name", "b5", "ssh", "x@y", "platforms", "el9/x86_64", "slots", "many");
        assertThat(badSlots.statusCode()).isEqualTo(400);
        assertThat(badSlots.body()).contains("slots must be a whole number");
    }

    @Test
    void eachHostsChangeFormStartsWithItsSlotsAndPlatformsAndPostsThem() throws Exception {
        String b1 = row(carol.page("/admin/hosts"), "data-host=\"b1\"");
        assertThat(b1)
                .contains("action=\"/admin/hosts/b1/set\"", "name=\"slots\" value=\"2\"")
                .contains("name=\"platforms\" value=\"el9/x86_64\"");

        HttpResponse<String> changed =
                carol.post("/admin/hosts", "/admin/hosts/b1/set", "slots", "3", "platforms", "el9/x86_64, el8/x86_64");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("id=\"notice\">build host b1: changed<");
        assertThat(admin.calls()).containsExactly("admin changeHost carol b1 3 [el9/x86_64, el8/x86_64]");

        admin.calls().clear();
        HttpResponse<String> badSlots =
                carol.post("/admin/hosts", "/admin/hosts/b1/set", "slots", "two", "platforms", "el9/x86_64");
        assertThat(badSlots.statusCode()).isEqualTo(400);
        assertThat(badSlots.body()).contains("slots must be a whole number, not &#39;two&#39;");
        HttpResponse<String> noPlatforms = carol.post("/admin/hosts", "/admin/hosts/b1/set", "slots", "2");
        assertThat(noPlatforms.statusCode()).isEqualTo(400);
        assertThat(noPlatforms.body()).contains("at least one platform is required");
        assertThat(admin.calls()).as("nothing reached the farm").isEmpty();

        admin.refuseNext(new Refused(Refused.Kind.INVALID, "no platform el7/x86_64; add it first " + XSS));
        HttpResponse<String> refused =
                carol.post("/admin/hosts", "/admin/hosts/b1/set", "slots", "2", "platforms", "el7/x86_64");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("id=\"admin-error\">no platform el7/x86_64; add it first &lt;script&gt;")
                .doesNotContain(XSS);
    }

    @Test
    void platformsShowFlagsWaitingTasksAndAgentsAndPostTheirButtons() throws Exception {
        String page = carol.page("/admin/platforms");
        String el9 = row(page, "data-platform=\"el9/x86_64\"");
        assertThat(el9).contains("status-active", "<td>yes</td>", "<td>2</td>", "b1", "b2", "local");
        assertThat(el9).contains("action=\"/admin/platforms/deactivate\"", "action=\"/admin/platforms/unauto\"");
        String el8 = row(page, "data-platform=\"el8/x86_64\"");
        assertThat(el8).contains("status-inactive", "action=\"/admin/platforms/activate\"", "none");

        HttpResponse<String> activate =
                carol.post("/admin/platforms", "/admin/platforms/activate", "name", "el8", "arch", "x86_64");
        assertThat(activate.statusCode()).isEqualTo(303);
        HttpResponse<String> unauto =
                carol.post("/admin/platforms", "/admin/platforms/unauto", "name", "el9", "arch", "x86_64");
        assertThat(unauto.statusCode()).isEqualTo(303);
        HttpResponse<String> missing = carol.post("/admin/platforms", "/admin/platforms", "name", "el10");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("the architecture is required", "value=\"el10\"");
        assertThat(admin.calls())
                .containsExactly(
                        "admin setPlatformActive carol el8 x86_64 true",
                        "admin setPlatformAuto carol el9 x86_64 false");
    }

    @Test
    void usersShowKeyFingerprintsButNeverTheKeys() throws Exception {
        String page = carol.page("/admin/users");
        String dave = row(page, "data-user=\"dave\"");
        assertThat(dave).contains(PINNED_FP, OFFERED_FP, "status-live", "status-revoked", "laptop &lt;script&gt;");
        assertThat(dave).contains("name=\"fingerprint\" value=\"" + PINNED_FP + "\"");
        assertThat(dave).doesNotContain("name=\"fingerprint\" value=\"" + OFFERED_FP + "\"");
        assertThat(page).contains("data-user=\"carol\"", "badge\">admin");
        assertThat(page).doesNotContain("AAAAC3NzaC1lZDI1NTE5", XSS);
        assertThat(pg.webCredentials()).isNotNull();
        assertThat(webRoleMaySelect("user_key")).isFalse();
        assertThat(webRoleMaySelect("agent_secret")).isFalse();
        assertThat(webRoleMaySelect("user_key_fingerprint")).isTrue();

        HttpResponse<String> revoke =
                carol.post("/admin/users", "/admin/users/dave/keys/revoke", "fingerprint", PINNED_FP);
        assertThat(revoke.statusCode()).isEqualTo(303);
        HttpResponse<String> add = carol.post(
                "/admin/users", "/admin/users", "name", "frank", "key", OFFERED + " frank@x", "admin", "yes");
        assertThat(add.statusCode()).isEqualTo(200);
        assertThat(add.body()).contains("added user frank");
        assertThat(admin.calls())
                .containsExactly(
                        "admin revokeKey carol dave " + PINNED_FP,
                        "admin addUser carol frank true " + OFFERED + " frank@x");
    }

    @Test
    void eachUserHasTheButtonThatFlipsTheirAdminFlagButTheViewerCannotRevokeTheirOwn() throws Exception {
        String page = carol.page("/admin/users");
        assertThat(row(page, "data-user=\"carol\""))
                .contains("your own admin flag: only another admin can revoke it")
                .doesNotContain("/admin/users/carol/unadmin", "/admin/users/carol/admin\"");
        assertThat(row(page, "data-user=\"dave\""))
                .contains("action=\"/admin/users/dave/admin\"", "Make admin")
                .doesNotContain("/unadmin");

        HttpResponse<String> granted = carol.post("/admin/users", "/admin/users/dave/admin");
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.body()).contains("id=\"notice\">dave is an admin now<");
        // Posted anyway (an old page, a crafted request): the farm refuses it.
        admin.refuseNext(new Refused(Refused.Kind.CONFLICT, "you cannot revoke your own admin flag"));
        HttpResponse<String> own = carol.post("/admin/users", "/admin/users/carol/unadmin");
        assertThat(own.statusCode()).isEqualTo(409);
        assertThat(own.body()).contains("id=\"admin-error\">you cannot revoke your own admin flag<");
        assertThat(admin.calls())
                .containsExactly("admin setUserAdmin carol dave true", "admin setUserAdmin carol carol false");
    }

    @Test
    void theQueueListsWaitingTasksInClaimOrderWithTheAgentsThatCouldTakeThem() throws Exception {
        String page = carol.page("/admin/queue");
        assertThat(page).contains("2 waiting");
        String el9 = row(page, "data-platform=\"el9/x86_64\"");
        assertThat(el9.indexOf(">early<")).isPositive().isLessThan(el9.indexOf(">late<"));
        assertThat(el9).contains("<td>1</td><td><a href=\"/jobs/early\">early</a></td><td>erin</td><td>devel</td>");
        assertThat(el9).contains("2 h ago", "5 min ago", "b1 <span class=\"busy\">2/2</span>");
        assertThat(page).doesNotContain("data-platform=\"el8/x86_64\"");
    }

    private static boolean webRoleMaySelect(String table) {
        return pg.controllerJdbi()
                .withHandle(h -> h.createQuery("SELECT has_table_privilege('pkgforge_web', :t, 'SELECT')")
                        .bind("t", table)
                        .mapTo(Boolean.class)
                        .one());
    }

    /** The element that starts with the tag holding {@code marker}, up to the next such element. */
    private static String row(String page, String marker) {
        int start = page.indexOf(marker);
        assertThat(start).as(marker).isPositive();
        String tag = page.substring(page.lastIndexOf('<', start) + 1, start).split("\\s")[0];
        int end = page.indexOf("</" + tag + ">", start);
        return page.substring(start, end);
    }

    private static final JobActions JOBS = new JobActions() {
        @Override
        public int cancel(WebUser user, String jobId) {
            return 0;
        }

        @Override
        public int retry(WebUser user, String jobId, Optional<String> target) {
            return 0;
        }
    };
}
