package org.pkgforge.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.pkgforge.sql.testing.PostgresExtension;
import org.pkgforge.webapp.testing.HeadlessChromium;

/**
 * The task page in a real browser (the system's headless chromium through chromedriver): a log that
 * grows while the page is open appears live, a reload loses and repeats nothing, hostile text stays
 * text, and a long log opens at its tail with "load earlier".
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TaskPageBrowserIT {
    @RegisterExtension
    static final PostgresExtension pg = new PostgresExtension();

    @TempDir
    static Path tmp;

    static final String XSS = "<img src=x onerror=alert(1)>";
    private static final int LINES = 80;
    private static final int XSS_LINE = 3;

    private static WebServer server;
    private WebDriver browser;

    @BeforeAll
    static void start() {
        pg.execute("INSERT INTO platform (name, arch, active) VALUES ('el9', 'x86_64', true)");
        server = new WebServer(
                new WebConfig("127.0.0.1", 0, tmp.resolve("results"), tmp.resolve("repos")), WebRole.jdbi(pg));
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        browser = HeadlessChromium.start(Files.createTempDirectory(tmp, "chromium-profile"));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logLinesAppearLiveSurviveAReloadAndStayText() throws Exception {
        registerTask("live-1", "building", "NULL");
        Path log = Files.createDirectories(tmp.resolve("results/live-1/el9-x86_64"))
                .resolve("build.log");
        Files.createFile(log);
        AtomicInteger written = new AtomicInteger();
        ScheduledExecutorService build = Executors.newSingleThreadScheduledExecutor();
        try {
            build.scheduleAtFixedRate(() -> appendLine(log, written), 0, 100, TimeUnit.MILLISECONDS);
            browser.get(server.baseUrl() + "/jobs/live-1/tasks/el9-x86_64");

            waitFor(() -> shownLines().size() >= 10);
            assertThat(written.get()).as("lines shown before the build ended").isLessThan(LINES);
            assertThat(status()).isEqualTo("live");

            browser.navigate().refresh();
            waitFor(() -> shownLines().size() >= 30);
            assertThat(written.get()).as("still building after the reload").isLessThan(LINES);

            waitFor(() -> written.get() >= LINES);
            pg.execute("UPDATE attempt SET finished_at = now(), outcome = 'success'");
            waitFor(() -> "finished".equals(status()));
        } finally {
            build.shutdownNow();
            assertThat(build.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(shownLines()).containsExactlyElementsOf(expectedLines(LINES));
        assertThat(browser.findElement(By.cssSelector(".package")).getText()).isEqualTo(XSS + "-1.0-1");
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("task-page-live.png");
    }

    @Test
    void longLogOpensAtItsTailAndLoadsEarlierLines() throws Exception {
        registerTask("long-1", "success", "now()");
        int total = 3000; // about 150 KiB: more than the 64 KiB the page opens with
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= total; i++) {
            text.append(String.format("long line %05d %s%n", i, "x".repeat(40)));
        }
        Path dir = Files.createDirectories(tmp.resolve("results/long-1/el9-x86_64"));
        Files.writeString(dir.resolve("build.log"), text, StandardCharsets.UTF_8);
        browser.get(server.baseUrl() + "/jobs/long-1/tasks/el9-x86_64");
        waitFor(() -> "finished".equals(status()));
        List<String> tail = shownLines();
        assertThat(tail.get(tail.size() - 1)).startsWith(String.format("long line %05d", total));
        int first = number(tail.get(0));
        assertThat(first).isGreaterThan(1);
        assertThat(tail).hasSize(total - first + 1);

        browser.findElement(By.id("log-earlier")).click();
        waitFor(() -> number(shownLines().get(0)) < first);
        List<String> more = shownLines();
        int earlier = number(more.get(0));
        for (int i = 0; i < more.size(); i++) {
            assertThat(number(more.get(i))).as("line %d", i).isEqualTo(earlier + i);
        }
        screenshot("task-page-long.png");
    }

    private static void registerTask(String jobId, String status, String finishedAt) {
        pg.execute("INSERT INTO job (uuid, bucket, submitter, status) VALUES ('" + jobId
                + "', 'main', 'alice', 'registered')");
        pg.execute("INSERT INTO package (job_id, seq, type, file, size, sha1sum, sha256sum, name, version, release)"
                + " SELECT id, 1, 'srpm', 'x-1.0-1.src.rpm', 1, repeat('b', 40), repeat('a', 64), '" + XSS
                + "', '1.0', '1' FROM job WHERE uuid = '" + jobId + "'");
        pg.execute("INSERT INTO task (job_id, platform_id, status, attempts)" + " SELECT j.id, p.id, '" + status
                + "', 1 FROM job j, platform p WHERE j.uuid = '" + jobId + "'");
        pg.execute("INSERT INTO attempt (task_id, number, agent_name, lease_expires, finished_at)"
                + " SELECT t.id, 1, 'agent-1', now() + interval '1 hour', " + finishedAt
                + " FROM task t JOIN job j ON j.id = t.job_id WHERE j.uuid = '" + jobId + "'");
    }

    private static void appendLine(Path log, AtomicInteger written) {
        int n = written.get() + 1;
        if (n > LINES) {
            return;
        }
        String line = n == XSS_LINE
                ? String.format("line %04d %s \u001b[31mred\u001b[0m\r%n", n, XSS)
                : String.format("line %04d%n", n);
        try {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            written.set(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> expectedLines(int count) {
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            lines.add(n == XSS_LINE ? String.format("line %04d %s red", n, XSS) : String.format("line %04d", n));
        }
        return lines;
    }

    private List<String> shownLines() {
        return HeadlessChromium.logLines(browser);
    }

    private String status() {
        return browser.findElement(By.id("log-status")).getText();
    }

    private static int number(String line) {
        String[] words = line.split(" ");
        return Integer.parseInt(words[words.length - 2].isEmpty() ? words[1] : words[words.length - 2]);
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(30), condition);
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, name);
    }
}
