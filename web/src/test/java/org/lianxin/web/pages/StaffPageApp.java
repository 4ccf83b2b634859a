package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The application on a random port (dev profile: demo offices and users with one password) with a fresh data folder
 * per class, and one headless Chromium (zh-CN) per class with a wait that ignores re-rendered elements: what every
 * staff page IT without media starts from (the live page ITs start from {@link LiveApp}). A class keeps its own
 * {@code @SpringBootTest} when it needs properties beyond the dev profile (it then repeats
 * {@code webEnvironment = RANDOM_PORT}), and its own {@code @DynamicPropertySource} for its database (H2 in memory
 * or the test PostgreSQL). The helpers address elements by their {@code id}. Classes run one after another in one
 * JVM (failsafe's default), so the statics belong to the running class. No {@code @DirtiesContext}: the root pom
 * caches one context at a time ({@code spring.test.context.cache.maxSize=1}), so a class's application is closed when
 * the next class starts its own, and a failing test's rerun at the end starts it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev"})
abstract class StaffPageApp {
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Path dataDir;
    static ChromiumBrowser browser;
    static WebDriverWait wait;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        ChromiumBrowser.assumeAvailable();       // a failure, not a skip, under LIANXIN_TEST_STRICT
        browser = ChromiumBrowser.start("zh-CN");
        wait = browser.waiting(TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class); // the pages re-render what they show
    }

    @DynamicPropertySource
    static void staffPageProperties(DynamicPropertyRegistry registry) {
        registry.add("lianxin.demo.password", () -> PASSWORD);
        registry.add("lianxin.data-dir", () -> dataDir().toString());
    }

    /** The running class's data folder, made when its context first asks for it; deleted after the class. */
    static synchronized Path dataDir() {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("lianxin-staff-page-it-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataDir;
    }

    @AfterAll
    static synchronized void stopBrowser() throws IOException {
        if (browser != null) browser.close();
        browser = null;
        wait = null;
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dataDir = null;
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Files a new case of 锦江区 as its scheduler. */
    JsonNode fileCase(Map<String, Object> kase) {
        return new LiveFixture.Api(baseUrl(), "jinjiang.scheduler", PASSWORD).call("POST", "/api/v1/cases", kase);
    }

    static long officeId(LiveFixture.Api api, String code) {
        for (JsonNode o : api.call("GET", "/api/v1/offices", null)) {
            if (o.path("code").asString().equals(code)) return o.path("id").asLong();
        }
        throw new AssertionError("no office " + code + " in the demo offices");
    }

    void openPage(String path) {
        browser.driver().get(baseUrl() + path);
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    /** The state audited on the Chinese page, then on the English one; back to Chinese. */
    void auditBothLanguages(String state, List<String> names) {
        assertThat(PageAudit.of(browser.driver(), "zh").allowing(names).findings(state)).isEmpty();
        js("document.getElementById('lang-switch').click()"); // by script: an open dialog makes the switch inert
        wait.until(d -> "en".equals(js("return document.documentElement.lang")));
        assertThat(PageAudit.of(browser.driver(), "en").allowing(names).findings(state)).isEmpty();
        js("document.getElementById('lang-switch').click()");
        wait.until(d -> "zh-CN".equals(js("return document.documentElement.lang")));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    void click(String id) {
        browser.driver().findElement(By.id(id)).click();
    }

    void type(String id, String value) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
