package org.pkgforge.controller.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.openqa.selenium.WebElement;
import org.pkgforge.controller.config.WebSettings;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.controller.testing.WebFarmFixture;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.webapp.testing.HeadlessChromium;

/**
 * The web UI end to end in the system's headless chromium against a real farm: log in with a URL
 * from {@code pkgforge web-login} over SSH, upload an SRPM through the form (a hostile file name
 * and a hostile form value stay text), land on the job page and cancel the job from it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WebUiBrowserIT {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    static final String XSS = "<img src=x onerror=alert(1)>";

    @TempDir
    Path dir;

    private WebFarmFixture web;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        FarmFixture.activeAutoPlatform(pg, "el9", FarmFixture.rpmArch());
        web = WebFarmFixture.start(dir.resolve("farm"), pg, WebSettings.defaults());
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
    void logInUploadAnSrpmAndCancelTheJob() throws Exception {
        Path key = web.addUser("alice", false);
        browser.get(web.webLogin("alice", key));
        waitFor(() -> browser.getCurrentUrl().endsWith("/jobs?mine"));
        assertThat(browser.findElement(By.cssSelector("header .user")).getText())
                .isEqualTo("alice");

        // A hostile file name (a real SRPM) and a hostile bucket: refused, and shown as text.
        Path hostile = Files.createDirectories(dir.resolve("upload")).resolve(XSS + ".src.rpm");
        Files.copy(SamplePackages.helloSrpm(), hostile, StandardCopyOption.REPLACE_EXISTING);
        browser.findElement(By.linkText("Submit")).click();
        fillForm(XSS, "web-1", hostile);
        waitFor(() -> !browser.findElements(By.id("submit-error")).isEmpty());
        assertThat(browser.findElement(By.id("submit-error")).getText()).contains(XSS);
        assertThat(browser.findElement(By.name("bucket")).getAttribute("value")).isEqualTo(XSS);
        assertNothingRan();
        assertThat(areaEntries()).as("a refused upload leaves nothing behind").isEmpty();

        fillForm("devel", "web-1", hostile);
        waitFor(() -> browser.getCurrentUrl().endsWith("/jobs/web-1"));
        assertThat(browser.findElement(By.cssSelector("table.packages td")).getText())
                .isEqualTo(XSS + ".src.rpm");
        assertThat(browser.findElement(By.cssSelector("dl.job-header .status")).getText())
                .isEqualTo("registered");
        assertNothingRan();
        screenshot("job-page-submitted.png");

        browser.findElement(By.id("cancel-job")).click();
        waitFor(() -> browser.findElements(By.id("cancel-job")).isEmpty());
        assertThat(browser.getCurrentUrl()).endsWith("/jobs/web-1");
        assertThat(browser.findElement(By.cssSelector("dl.job-header .status")).getText())
                .isEqualTo("cancelled");
        assertThat(browser.findElement(By.cssSelector("table.tasks td.reason")).getText())
                .isEqualTo("cancelled by alice");
        assertThat(browser.findElements(By.id("retry-job"))).hasSize(1);
        screenshot("job-page-cancelled.png");
    }

    private void fillForm(String bucket, String id, Path file) {
        WebElement bucketField = browser.findElement(By.name("bucket"));
        bucketField.clear();
        bucketField.sendKeys(bucket);
        WebElement idField = browser.findElement(By.name("id"));
        idField.clear();
        idField.sendKeys(id);
        browser.findElement(By.name("files")).sendKeys(file.toString());
        browser.findElement(By.id("submit-job")).click();
    }

    private void assertNothingRan() {
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private List<Path> areaEntries() throws IOException {
        Path area = web.farm().config().stateDir().resolve("sftp/uploads/alice");
        try (var entries = Files.list(area)) {
            return entries.toList();
        }
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(30), condition);
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, name);
    }
}
