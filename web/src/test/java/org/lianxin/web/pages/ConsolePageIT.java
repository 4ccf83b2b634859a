package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console as a leader uses it, every state in Chinese and in English (issue 9), in real Chromium with the fake
 * camera against the whole application on the dev profile, and a fake signaling server in the page
 * ({@link FakeSignaling}) for the room: the list of today's sessions and the consultations panel; the room before
 * the petitioner comes, with the petitioner waiting in the lobby, in session, and after the end. The leader sees the
 * petitioner by name (the case is in the leader's jurisdiction) and the case's subject, not the server's generic
 * "信访人"; mutes and unmutes their own microphone and turns their own camera off and on; a video the host turned off
 * shows a placeholder; after the end the petitioner's tile and its buttons go. The recording mark's timing against
 * the real recorder is in {@link LiveReceptionIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev"})
class ConsolePageIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Path DATA_DIR = TestDataDir.create("lianxin-console-page-it-");
    private static final Duration TIMEOUT = Duration.ofSeconds(60); // generous: 2 cores, other browsers running
    private static final String PETITIONER = "李测试";
    private static final String SUBJECT = "工资拖欠";

    private static ChromiumBrowser browser;
    private static WebDriverWait wait;

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("lianxin.demo.password", () -> PASSWORD);
        registry.add("lianxin.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        ChromiumBrowser.assumeAvailable();
        browser = ChromiumBrowser.startWithFakeMedia("zh-CN");
        wait = browser.waiting(TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) browser.close();
        TestDataDir.delete(DATA_DIR);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Test
    void theLeaderSeesThePetitionerByNameMutesThemselvesAndThePetitionersTileGoesAtTheEnd() throws IOException {
        LiveFixture f = LiveFixture.createForDemoLeader(baseUrl(), PASSWORD, "jinjiang.leader");
        WebDriver driver = browser.driver();
        try {
            new BookingPage(driver, baseUrl()).logIn("jinjiang.leader", PASSWORD);
            driver.get(baseUrl() + "/console/index.html");
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
            String leaderName = text("who").split("（")[0];
            List<String> names = new ArrayList<>(List.of(leaderName, f.leaderName(), "锦江区", "成都市", "四川省"));

            // the list: the session with the petitioner's matter; the consultations panel beside it
            By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            wait.until(d -> d.findElement(row).getText().contains(SUBJECT));
            assertThat(driver.findElement(row).getText()).contains(PETITIONER).contains(f.caseNumber());
            wait.until(ExpectedConditions.attributeToBe(By.id("consultations-panel"), "data-loaded", "true"));
            auditBothLanguages("console: list", names);

            // the consultations panel's dialog: a new consultation about this case
            click("consult-new");
            wait.until(d -> (Boolean) js("return document.getElementById('consult-dialog').open"));
            driver.findElement(By.id("cd-case-q")).sendKeys(f.caseNumber());
            wait.until(d -> d.findElement(By.id("cd-case")).getText().contains(f.caseNumber()));
            auditBothLanguages("console: new consultation", names);
            driver.findElement(By.cssSelector("#consult-dialog .dialog-actions button[type=button]")).click();
            wait.until(d -> !(Boolean) js("return document.getElementById('consult-dialog').open"));

            // the room before the petitioner comes: the title is the petitioner's matter, not the leader's name
            FakeSignaling server = FakeSignaling.install(driver, "host-token", "HOST");
            js("window.confirm = () => true");
            driver.findElement(row).findElement(By.cssSelector("[data-testid=open-session]")).click();
            assertThat(server.awaitSent("join", 1, TIMEOUT)).containsEntry("token", "host-token");
            Map<String, Object> host = FakeSignaling.participant("h-1", f.leaderName(), "host", true);
            // as the real server describes the petitioner to everyone: no name
            Map<String, Object> petitioner = FakeSignaling.participant("petitioner", "信访人", "petitioner", true);
            Map<String, Object> joined = new HashMap<>();
            joined.put("type", "joined");
            joined.put("you", host);
            joined.put("participants", List.of());
            joined.put("waiting", List.of());
            joined.put("lobby", null);
            joined.put("resumed", false);
            server.say(joined);
            wait.until(d -> text("conn-status").equals("已连接"));
            wait.until(d -> text("room-title").contains(SUBJECT));
            assertThat(text("room-title")).contains(f.caseNumber()).doesNotContain(f.leaderName());
            assertThat(driver.findElements(By.cssSelector("[data-testid=rec-badge]"))).as("not before admission")
                    .isEmpty();
            auditBothLanguages("console: room before admission", names);

            // the petitioner waits in the lobby, by name
            server.say(Map.of("type", "participantWaiting", "participant", petitioner));
            By waiting = By.cssSelector("[data-testid=waiting][data-participant-id='petitioner']");
            wait.until(d -> d.findElement(waiting).getText().contains(PETITIONER));
            assertThat(driver.findElement(waiting).getText()).contains("信访人");
            assertThat(driver.findElements(By.cssSelector("[data-testid=rec-badge]"))).as("not in the lobby")
                    .isEmpty();
            auditBothLanguages("console: lobby with a petitioner waiting", names);

            // admitted: the petitioner's tile by name, with its video
            clickIn(waiting, "admit");
            assertThat(server.awaitSent("admit", 1, TIMEOUT)).containsEntry("participantId", "petitioner");
            server.say(Map.of("type", "participantJoined", "participant", petitioner));
            By tile = By.cssSelector("[data-testid=tile][data-participant-id='petitioner']");
            wait.until(d -> d.findElement(tile).getText().contains(PETITIONER));
            wait.until(d -> ((Number) js("const v = document.querySelector(arguments[0]); return v ? v.currentTime : 0",
                    "[data-testid=tile][data-participant-id='petitioner'] video")).doubleValue() > 0.2);
            // with no recording the leader may see, the mark follows the room: recorded from the admission
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=rec-badge]")));
            auditBothLanguages("console: in session", names);
            browser.screenshotPage("console-in-session.png");

            // the leader mutes their own microphone: the track stops, the room is told, the button says so
            By mic = By.id("self-mic");
            By camera = By.id("self-camera");
            assertThat(driver.findElement(mic).getAttribute("aria-pressed")).isEqualTo("false");
            click("self-mic");
            assertThat(server.awaitSent("mute", 1, TIMEOUT)).containsEntry("participantId", "h-1")
                    .containsEntry("kind", "audio");
            wait.until(d -> "true".equals(d.findElement(mic).getAttribute("aria-pressed")));
            assertThat(js("return window.__lianxinLive.localStream.getAudioTracks().every(t => !t.enabled)"))
                    .isEqualTo(true);
            server.say(Map.of("type", "muted", "participantId", "h-1", "kind", "audio", "muted", true));
            wait.until(d -> d.findElement(By.cssSelector("[data-testid=tile].self")).getText().contains("已静音"));
            click("self-mic");
            assertThat(server.awaitSent("unmute", 1, TIMEOUT)).containsEntry("participantId", "h-1");
            wait.until(d -> "false".equals(d.findElement(mic).getAttribute("aria-pressed")));
            assertThat(js("return window.__lianxinLive.localStream.getAudioTracks().every(t => t.enabled)"))
                    .isEqualTo(true);
            server.say(Map.of("type", "muted", "participantId", "h-1", "kind", "audio", "muted", false));

            // … and their camera: the own tile shows that it is off, and back
            click("self-camera");
            wait.until(d -> "true".equals(d.findElement(camera).getAttribute("aria-pressed")));
            assertThat(js("return window.__lianxinLive.localStream.getVideoTracks().every(t => !t.enabled)"))
                    .isEqualTo(true);
            String sendsVideo = "const p = window.__lianxinLive.pub; const v = p && p.getTransceivers()"
                    + ".find(t => t.receiver.track.kind === 'video'); return !!(v && v.sender.track)";
            wait.until(d -> Boolean.FALSE.equals(js(sendsVideo))); // nothing is sent: the others see no black picture
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=tile].self [data-testid=camera-off]")));
            auditBothLanguages("console: own camera and microphone off", names);
            click("self-camera");
            wait.until(d -> "false".equals(d.findElement(camera).getAttribute("aria-pressed")));
            wait.until(d -> Boolean.TRUE.equals(js(sendsVideo)));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(
                    By.cssSelector("[data-testid=tile].self [data-testid=camera-off]")));

            // the leader turns the petitioner's video off: a placeholder, not a frozen last frame
            clickIn(tile, "mute-video");
            assertThat(server.awaitSent("mute", 3, TIMEOUT)).containsEntry("participantId", "petitioner")
                    .containsEntry("kind", "video");
            server.say(Map.of("type", "muted", "participantId", "petitioner", "kind", "video", "muted", true));
            By placeholder = By.cssSelector("[data-testid=tile][data-participant-id='petitioner'] [data-testid=camera-off]");
            wait.until(ExpectedConditions.visibilityOfElementLocated(placeholder));
            assertThat(driver.findElement(By.cssSelector(
                    "[data-testid=tile][data-participant-id='petitioner'] video")).isDisplayed()).isFalse();
            auditBothLanguages("console: the petitioner's video off", names);
            server.say(Map.of("type", "muted", "participantId", "petitioner", "kind", "video", "muted", false));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(placeholder));

            // the end: the petitioner's tile and its buttons go, the mark goes, the own camera is released
            click("end");
            server.awaitSent("end", 1, TIMEOUT);
            server.say(Map.of("type", "ended", "reason", "host"));
            wait.until(d -> text("conn-status").equals("接访已结束"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(tile));
            assertThat(driver.findElements(By.cssSelector("[data-testid=mute-audio], [data-testid=remove]"))).isEmpty();
            assertThat(driver.findElements(By.cssSelector("[data-testid=rec-badge]"))).isEmpty();
            assertThat(driver.findElement(mic).isDisplayed()).isFalse();
            assertThat(js("const s = window.__lianxinLive.localStream; return !s || s.getTracks()"
                    + ".every(t => t.readyState === 'ended')")).isEqualTo(true);
            auditBothLanguages("console: ended", names);
            browser.screenshotPage("console-ended.png");

            click("leave");
            wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        } catch (RuntimeException | AssertionError e) {
            try {
                browser.screenshotPage("failure-console-page.png");
            } catch (RuntimeException | IOException x) {
                e.addSuppressed(x);
            }
            throw e;
        }
    }

    /** The page as it is now has no findings in Chinese, then in English (the switch), and is Chinese again. */
    private void auditBothLanguages(String state, List<String> names) {
        assertThat(PageAudit.of(browser.driver(), "zh").allowing(names).findings(state)).isEmpty();
        switchLanguage(); // by script: an open modal dialog makes the switch behind it inert
        wait.until(d -> "en".equals(js("return document.documentElement.lang")));
        assertThat(PageAudit.of(browser.driver(), "en").allowing(names).findings(state)).isEmpty();
        switchLanguage();
        wait.until(d -> "zh-CN".equals(js("return document.documentElement.lang")));
    }

    private void switchLanguage() {
        js("document.getElementById('lang-switch').click()");
    }

    /** Clicks the button {@code testId} inside the element {@code within}, again if a re-render replaced it. */
    private void clickIn(By within, String testId) {
        wait.until(d -> {
            d.findElement(within).findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
            return true;
        });
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }


}
