package org.lianxin.web.pages;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, with a fresh profile that is deleted on close.
 * Closing quits the browser and stops the driver, so no chromium process outlives the test.
 */
public final class ChromiumBrowser implements AutoCloseable {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private ChromiumBrowser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** True if Debian's chromium and chromedriver are installed. */
    public static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    /**
     * Skips the calling test when Chromium is missing, except under {@code ./lianxin test} (which installs it and
     * sets {@code LIANXIN_TEST_STRICT}), where a missing browser is a failure.
     */
    public static void assumeAvailable() {
        if (available()) return;
        if (System.getenv("LIANXIN_TEST_STRICT") != null) {
            throw new AssertionError("LIANXIN_TEST_STRICT: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        Assumptions.abort("needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
    }

    /** A browser whose UI language is {@code language} (e.g. "zh-CN"). */
    public static ChromiumBrowser start(String language) {
        return start(language, new String[0]);
    }

    /**
     * A browser with Chromium's fake camera (a moving test pattern) and fake microphone (a beeping tone), granted
     * without a prompt, audio allowed to start without a click, and plain host ICE candidates (no mDNS names) so
     * two peer connections in the same machine connect at once.
     */
    public static ChromiumBrowser startWithFakeMedia(String language) {
        return start(language, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--disable-features=WebRtcHideLocalIpsWithMdns");
    }

    private static ChromiumBrowser start(String language, String... extraArguments) {
        Path profile;
        try {
            profile = Files.createTempDirectory("lianxin-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--lang=" + language, "--window-size=1400,1000");
        options.addArguments(extraArguments);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // for consoleLog() after a failure
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
        driver.manage().window().setSize(new Dimension(1400, 1000));
        return new ChromiumBrowser(service, driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * What the page wrote to the console and the browser's own errors (a module that failed to load, a refused
     * request) since the last call, one line each: for a failure's report, not for assertions.
     */
    public String consoleLog() {
        try {
            StringBuilder sb = new StringBuilder();
            for (org.openqa.selenium.logging.LogEntry e : driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
                sb.append(java.time.Instant.ofEpochMilli(e.getTimestamp())).append(' ').append(e.getLevel()).append(' ')
                        .append(e.getMessage()).append('\n');
            }
            return sb.toString();
        } catch (RuntimeException e) {
            return "(no console log: " + e + ")\n";
        }
    }

    /** The whole page (not just the window) into {@code target/<name>}, for a person to look at. */
    public void screenshotPage(String name) throws IOException {
        screenshotPage(Path.of("target", name));
    }

    /** The whole page (not just the window) into {@code file}: the window grows to the page's height (≤ 4000 px). */
    public void screenshotPage(Path file) throws IOException {
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(4000, height.intValue() + 140)));
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(window);
    }

    /** {@link #screenshotPage(String)} for a failing test: a screenshot that fails is added to {@code failure}. */
    public void screenshotQuietly(String name, Throwable failure) {
        try {
            screenshotPage(name);
        } catch (RuntimeException | IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** An explicit wait; never sleep. */
    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless
        }
    }
}
