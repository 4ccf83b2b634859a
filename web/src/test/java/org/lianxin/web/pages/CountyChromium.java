package org.lianxin.web.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.lianxin.signaling.testing.CountyNetwork;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium running in a {@link CountyNetwork}'s county namespace (behind its firewall), driven from
 * the test JVM through the chromedriver there: the kiosk of a county reception room. Fake camera and microphone as
 * {@link ChromiumBrowser#startWithFakeMedia}, the test TURN certificate pinned by its key, and the application's
 * plain-HTTP address on the test network treated as a secure origin. Closing quits the browser and deletes its
 * profile.
 */
public final class CountyChromium implements AutoCloseable {

    private final RemoteWebDriver driver;
    private final Path profile;

    private CountyChromium(RemoteWebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser in the county whose UI language is {@code language}, for the application on {@code appPort}. */
    public static CountyChromium start(CountyNetwork net, int appPort, String language) {
        Path profile;
        try {
            profile = Files.createTempDirectory("lianxin-county-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChromiumBrowser.CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--lang=" + language, "--window-size=1400,1000",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--disable-features=WebRtcHideLocalIpsWithMdns");
        options.addArguments(net.chromiumArguments(appPort));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        RemoteWebDriver driver;
        try {
            driver = new RemoteWebDriver(net.chromedriver().toURL(), options);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            deleteQuietly(profile);
            throw e;
        }
        driver.manage().window().setSize(new Dimension(1400, 1000));
        return new CountyChromium(driver, profile);
    }

    public RemoteWebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** The page's console since the last call, for a failure's report. */
    public String consoleLog() {
        try {
            StringBuilder sb = new StringBuilder();
            for (var e : driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
                sb.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n');
            }
            return sb.toString();
        } catch (RuntimeException e) {
            return "(no console log: " + e + ")\n";
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
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
