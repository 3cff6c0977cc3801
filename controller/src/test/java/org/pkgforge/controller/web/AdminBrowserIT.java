package org.pkgforge.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pkgforge.controller.config.WebSettings;
import org.pkgforge.controller.testing.BuildHostsFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.WebFarmFixture;
import org.pkgforge.controller.testing.ssh.OpenSshServerFixture;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.row.Host;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.submit.PkgforgeCli;
import org.pkgforge.webapp.testing.HeadlessChromium;

/**
 * An admin runs the farm from the system's headless chromium: logs in with {@code pkgforge
 * web-login}, adds a build host (a real OpenSSH sshd on 127.0.0.1) by its SSH address, confirms the
 * fingerprint it is shown and sees the host come online; lowers its slots; re-pins its key after
 * the host is re-keyed, disables it, and reads on the job page why a task now waits. A user
 * without the admin flag is refused the admin pages.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AdminBrowserIT {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration HOST_ONLINE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private BuildHostsFixture hosts;
    private WebFarmFixture web;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        hosts = BuildHostsFixture.create(dir.resolve("hosts"), pg, Duration.ofSeconds(15));
        web = WebFarmFixture.start(dir.resolve("web"), hosts.config(), WebSettings.defaults());
        browser = HeadlessChromium.start(Files.createDirectories(dir.resolve("chromium-profile")));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (web != null) {
            web.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void anAdminAddsABuildHostConfirmsItsKeySeesItOnlineAndDisablesIt() throws Exception {
        String platform = BuildHostsFixture.platform(web.farm().jdbi(), "el9");
        OpenSshServerFixture sshd = hosts.startOpenSsh("b1");
        Path work = hosts.workDirFor("b1");
        Path adaKey = web.addUser("ada", true);
        Path daveKey = web.addUser("dave", false);

        browser.get(web.webLogin("ada", adaKey));
        waitFor(() -> browser.getCurrentUrl().endsWith("/jobs?mine"), Duration.ofSeconds(30));
        browser.findElement(By.linkText("Hosts")).click();
        assertThat(browser.findElement(By.id("controller-key")).getText())
                .isEqualTo(hosts.identity().authorizedKeysLine());

        WebElement form = browser.findElement(By.id("add-host"));
        type(form, "name", "b1");
        type(form, "ssh", sshd.user() + "@127.0.0.1:" + sshd.port());
        type(form, "platforms", platform);
        type(form, "slots", "2");
        form.findElement(By.tagName("summary")).click();
        type(form, "work_dir", work.toString());
        browser.findElement(By.id("probe-host")).click();

        waitFor(() -> !browser.findElements(By.id("host-fingerprint")).isEmpty(), Duration.ofSeconds(30));
        assertThat(browser.findElement(By.id("host-fingerprint")).getText()).isEqualTo(sshd.hostKeyFingerprint());
        HostDao hostDao = web.farm().jdbi().onDemand(HostDao.class);
        assertThat(hostDao.find("b1"))
                .as("nothing is stored before the key is confirmed")
                .isEmpty();
        browser.findElement(By.id("confirm-host")).click();

        waitFor(() -> !browser.findElements(By.id("notice")).isEmpty(), Duration.ofSeconds(30));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("added build host b1");
        Host added = hostDao.find("b1").orElseThrow();
        assertThat(added.hostKey()).isEqualTo(sshd.hostPublicKey());
        assertThat(added.platforms()).containsExactly(platform);
        assertThat(added.slots()).isEqualTo(2);

        awaitHostState("online");
        assertThat(hostRow().findElement(By.cssSelector(".slots")).getText()).isEqualTo("0 / 2");
        assertThat(hostRow().findElement(By.cssSelector(".pinned")).getText()).isEqualTo(sshd.hostKeyFingerprint());
        assertThat(hostRow().findElement(By.tagName("time")).getAttribute("title"))
                .endsWith(" UTC");
        screenshot("admin-hosts.png");

        // Fewer slots, from the row's change form: the page shows them, and the agent stays online.
        WebElement change = hostRow().findElement(By.cssSelector("details.change-host"));
        change.findElement(By.tagName("summary")).click();
        assertThat(change.findElement(By.name("platforms")).getAttribute("value"))
                .isEqualTo(platform);
        type(change, "slots", "1");
        screenshot("admin-hosts-change.png");
        change.findElement(By.cssSelector(".save-host")).click();
        waitFor(() -> !browser.findElements(By.id("notice")).isEmpty(), Duration.ofSeconds(30));
        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("build host b1: slots 2 → 1");
        assertThat(hostRow().findElement(By.cssSelector(".slots")).getText()).isEqualTo("0 / 1");
        assertThat(hostDao.find("b1").orElseThrow().slots()).isEqualTo(1);
        awaitHostState("online");

        // The host is reinstalled: a new key. It goes offline showing both keys until re-pinned.
        String oldFingerprint = sshd.hostKeyFingerprint();
        sshd.replaceHostKey();
        awaitHostState("offline");
        waitFor(() -> reloadHosts().findElements(By.cssSelector(".offered")).size() == 1, HOST_ONLINE);
        assertThat(hostRow().findElement(By.cssSelector(".pinned")).getText()).isEqualTo(oldFingerprint);
        assertThat(hostRow().findElement(By.cssSelector(".offered")).getText()).isEqualTo(sshd.hostKeyFingerprint());
        screenshot("admin-hosts-key-changed.png");
        hostRow().findElement(By.cssSelector(".pin-host")).click();
        waitFor(() -> !browser.findElements(By.id("notice")).isEmpty(), Duration.ofSeconds(30));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("re-pinned the host key of b1");
        assertThat(hostDao.find("b1").orElseThrow().hostKey()).isEqualTo(sshd.hostPublicKey());
        awaitHostState("online");

        hostRow().findElement(By.cssSelector(".disable-host")).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/admin/hosts"), Duration.ofSeconds(30));
        assertThat(hostRow().findElement(By.cssSelector(".status")).getText()).isEqualTo("disabled");
        assertThat(hostRow().findElements(By.cssSelector(".enable-host"))).hasSize(1);
        assertThat(hostDao.find("b1").orElseThrow().enabled()).isFalse();

        // A job for the host's platform now waits, and its page says why.
        submit("waits-1");
        browser.get(web.farm().webUrl() + "/jobs/waits-1");
        String target = platform.replace('/', '-');
        assertThat(browser.findElement(By.cssSelector("table.tasks .waiting")).getText())
                .isEqualTo("1st in the " + platform + " queue; no online agent offers " + platform + " (1 disabled)");
        browser.findElement(By.linkText(target)).click();
        assertThat(browser.findElement(By.cssSelector("dl.job-header .waiting")).getText())
                .startsWith("1st in the " + platform + " queue");
        browser.navigate().back();
        screenshot("job-page-waiting.png");
        browser.findElement(By.linkText("Queue")).click();
        assertThat(browser.findElement(By.cssSelector("table.queue-tasks a")).getText())
                .isEqualTo("waits-1");

        // Not an admin: refused, and no admin links.
        browser.get(web.webLogin("dave", daveKey));
        waitFor(() -> browser.getCurrentUrl().endsWith("/jobs?mine"), Duration.ofSeconds(30));
        assertThat(browser.findElements(By.linkText("Hosts"))).isEmpty();
        for (String page : List.of("/admin/hosts", "/admin/users", "/admin/platforms", "/admin/queue")) {
            browser.get(web.farm().webUrl() + page);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(page).isEqualTo("403");
            assertThat(browser.getPageSource()).contains("admins only: dave is not a farm admin");
        }
    }

    private void submit(String id) throws Exception {
        int exit = PkgforgeCli.run(
                "submit",
                "-B",
                "devel",
                "-p",
                "el9",
                "--id",
                id,
                "--target",
                web.farm().config().dropDir().toString(),
                SamplePackages.helloSrpm().toString());
        assertThat(exit).isZero();
        web.farm().processIncoming();
    }

    private void type(WebElement form, String field, String value) {
        WebElement input = form.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
    }

    private WebElement hostRow() {
        return browser.findElement(By.cssSelector("tr[data-host='b1']"));
    }

    private WebDriver reloadHosts() {
        browser.get(web.farm().webUrl() + "/admin/hosts");
        return browser;
    }

    /** Reloads the hosts page, as an admin watching it would, until b1 shows {@code state}. */
    private void awaitHostState(String state) {
        waitFor(
                () -> reloadHosts()
                        .findElement(By.cssSelector("tr[data-host='b1'] .status"))
                        .getText()
                        .equals(state),
                HOST_ONLINE);
    }

    private void waitFor(BooleanSupplier condition, Duration timeout) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(250)).until(d -> condition.getAsBoolean());
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
