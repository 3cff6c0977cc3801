package org.pkgforge.controller.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.pkgforge.controller.config.WebSettings;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.WebFarmFixture;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.webapp.testing.HeadlessChromium;

/**
 * A real build followed in the system's headless chromium: the build (rpmbuild on the farm's local
 * agent) prints a numbered line every 100 ms; the task page shows lines while it runs, a reload
 * mid-build loses and repeats none, a hostile log line stays text, and the owner cancels the
 * running build from the job page.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LiveBuildBrowserIT {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    static final String XSS = "<img src=x onerror=alert(1)>";
    private static final int TICKS = 300; // 30 s: far longer than the test lets it run

    @TempDir
    Path dir;

    private WebFarmFixture web;
    private WebDriver browser;
    private String target;

    @BeforeEach
    void start() throws Exception {
        String arch = FarmFixture.rpmArch();
        target = "el9-" + arch;
        FarmFixture.activeAutoPlatform(pg, "el9", arch);
        Path farmDir = dir.resolve("farm");
        web = WebFarmFixture.start(
                farmDir,
                FarmFixture.config(farmDir.resolve("state"), pg, List.of("el9/" + arch)),
                WebSettings.defaults());
        browser = HeadlessChromium.start(Files.createDirectories(dir.resolve("chromium-profile")));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (web != null) {
            web.close();
        }
    }

    @Test
    void watchARunningBuildLiveReloadItAndCancelIt() throws Exception {
        // printf, not echo: rpmbuild's "set -x" traces the command too, and only "tick" lines count.
        Path srpm = SamplePackages.srpm(
                dir.resolve("packages"),
                "hello",
                spec -> spec.replace(
                        "%build\n",
                        "%build\nfor i in $(seq 1 " + TICKS + "); do printf 'tick %%d " + XSS
                                + "\\n' \"$i\"; sleep 0.1; done\n"));
        Path key = web.addUser("alice", false);
        browser.get(web.webLogin("alice", key));
        waitFor(() -> browser.getCurrentUrl().endsWith("/jobs?mine"));

        browser.findElement(By.linkText("Submit")).click();
        browser.findElement(By.name("bucket")).sendKeys("devel");
        browser.findElement(By.name("id")).sendKeys("live-1");
        browser.findElement(By.name("files")).sendKeys(srpm.toString());
        browser.findElement(By.id("submit-job")).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/jobs/live-1"));

        browser.get(web.farm().webUrl() + "/jobs/live-1/tasks/" + target);
        waitFor(() -> ticks().size() >= 10);
        assertThat(status()).as("lines appear while the build runs").isEqualTo("live");
        List<Integer> live = ticks();
        assertThat(live).as("in order, none missing").isEqualTo(consecutive(live.size()));

        browser.navigate().refresh();
        int beforeReload = ticks().size();
        waitFor(() -> ticks().size() >= 30);
        assertThat(status()).as("still building after the reload").isEqualTo("live");
        List<Integer> afterReload = ticks();
        assertThat(afterReload).as("no gap and no repeat across the reload").isEqualTo(consecutive(afterReload.size()));
        assertThat(beforeReload).isLessThan(TICKS);
        assertThat(browser.findElements(By.tagName("img")))
                .as("the hostile line is text")
                .isEmpty();
        assertThat(shownText()).contains("tick 20 " + XSS);
        screenshot("task-page-live-build.png");

        assertThat(rpmbuildRunning())
                .as("the build runs when the owner cancels it")
                .isTrue();
        browser.get(web.farm().webUrl() + "/jobs/live-1");
        browser.findElement(By.id("cancel-job")).click();
        waitFor(() -> browser.findElements(By.id("cancel-job")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("dl.job-header .status")).getText())
                .isEqualTo("cancelled");

        org.awaitility.Awaitility.await("the agent kills the cancelled build")
                .atMost(Duration.ofSeconds(20))
                .until(() -> !rpmbuildRunning());

        browser.get(web.farm().webUrl() + "/jobs/live-1/tasks/" + target);
        waitFor(() -> "finished".equals(status()));
        List<Integer> stored = ticks();
        assertThat(stored).as("the log as stored: consecutive").isEqualTo(consecutive(stored.size()));
        assertThat(stored.size())
                .as("the build was stopped, not run to its end")
                .isLessThan(TICKS);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("task-page-cancelled-build.png");

        // Retry the cancelled target from the job page: a second attempt builds, live again.
        browser.get(web.farm().webUrl() + "/jobs/live-1");
        browser.findElement(By.id("retry-job")).click();
        waitFor(() -> browser.findElements(By.id("retry-job")).isEmpty());
        browser.get(web.farm().webUrl() + "/jobs/live-1/tasks/" + target);
        waitFor(() -> ticks().size() >= 3 && "live".equals(status()));
        assertThat(browser.findElements(By.cssSelector("table.attempts tbody tr")))
                .as("both attempts listed")
                .hasSize(2);
        browser.get(web.farm().webUrl() + "/jobs/live-1");
        browser.findElement(By.id("cancel-job")).click();
        waitFor(() -> browser.findElements(By.id("cancel-job")).isEmpty());
    }

    /** Whether an rpmbuild runs below this JVM (the farm's local agent and its builds are its children). */
    private static boolean rpmbuildRunning() {
        return ProcessHandle.current()
                .descendants()
                .anyMatch(p -> p.info().command().orElse("").endsWith("/rpmbuild"));
    }

    /** The numbers of the "tick N" lines the page shows, in page order. */
    private List<Integer> ticks() {
        return shownLines().stream()
                .filter(l -> l.startsWith("tick "))
                .map(l -> Integer.parseInt(l.split(" ")[1]))
                .toList();
    }

    private static List<Integer> consecutive(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).boxed().toList();
    }

    private List<String> shownLines() {
        return HeadlessChromium.logLines(browser);
    }

    private String shownText() {
        return String.join("\n", shownLines());
    }

    private String status() {
        return browser.findElement(By.id("log-status")).getText();
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(60), condition);
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, name);
    }
}
