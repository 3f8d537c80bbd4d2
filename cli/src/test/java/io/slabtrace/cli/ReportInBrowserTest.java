package io.slabtrace.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reports opened in headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs). */
class ReportInBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), DRIVER = Path.of("/usr/bin/chromedriver");
    static ChromeDriver browser;
    // held strongly: java.util.logging forgets the level of a logger nobody references
    static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        // Selenium looks for a DevTools binding per Chromium version; these tests use WebDriver only
        DEVTOOLS.setLevel(Level.OFF);
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "needs chromium and chromium-driver (.ci/run installs them)");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,2000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        browser = new ChromeDriver(service, o);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
    }

    @Test
    void seriesReportLoadsCleanlyWithEveryImageDecodedAndSorts() throws Exception {
        Path html = open("series.html", "report", ReportCommandTest.STORM, "--lang", "en");
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), problems, "console of " + html);
        for (String id : List.of("analysed", "headlines", "charts", "caches", "explanations")) {
            assertTrue(browser.findElement(By.id(id)).isDisplayed(), id);
        }
        List<WebElement> images = browser.findElements(By.tagName("img"));
        assertEquals(9, images.size());
        for (WebElement img : images) {
            Number width = (Number) ((JavascriptExecutor) browser).executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", img);
            assertEquals(900, width.intValue(), img.getAttribute("alt"));
        }
        WebElement byName = browser.findElements(By.cssSelector("table.sortable th")).get(0);
        byName.click();
        byName.click(); // ascending by name
        String first = browser.findElement(By.cssSelector("table.sortable tbody tr td")).getText();
        assertTrue(first.compareTo("btrfs") < 0, "sorted by name, first is " + first);
        screenshot("report-series.png");
    }

    @Test
    void chineseReportRendersItsText() throws Exception {
        open("zh.html", "report", ReportCommandTest.STORM, "--lang", "zh");
        assertEquals("要点", browser.findElement(By.cssSelector("#headlines h2")).getText());
        screenshot("report-zh.png");
    }

    private Path open(String name, String... args) {
        Path html = dir.resolve(name);
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("-o", html.toString()))
                .toArray(String[]::new);
        Run r = Run.of(all);
        assertEquals(0, r.status(), r.err());
        browser.get(html.toUri().toString());
        return html;
    }

    /** Written under target/ for a person to look at. */
    private static void screenshot(String name) throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 10_000, "a screenshot with content");
    }
}
