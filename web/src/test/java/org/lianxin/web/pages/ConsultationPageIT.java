package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.testing.JanusTestHost;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A remote consultation (远程会商) through the real console, our signaling endpoint and a real Janus (in a network
 * namespace, see {@link JanusTestHost}): 成都市's leader (cd.leader) opens a consultation from the console, invites
 * 锦江区's leader (jinjiang.leader, a county below) by walking the office tree, joins; the invitee finds it in their
 * own console and joins; there is no lobby; each decodes the other's video (getStats framesDecoded grows) and the
 * tiles play; the host ends it in the room: both consoles say it has ended and the API says ENDED.
 */
class ConsultationPageIT extends LiveApp {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aCityLeaderConsultsACountyLeaderTheySeeEachOtherAndTheHostEndsIt() throws IOException {
        String title = "欠薪案件跨级会商-" + UUID.randomUUID().toString().substring(0, 6);
        long inviteeId = api("jinjiang.leader", "GET", "/api/v1/me").path("officialId").asLong();
        assertThat(inviteeId).isPositive();
        try (ChromiumBrowser hostBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser guestBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN")) {
            Page host = new Page(hostBrowser);
            Page guest = new Page(guestBrowser);
            try {
                // 成都市's leader opens a consultation from the console
                host.logInToConsole("cd.leader");
                host.click("consult-new");
                host.type("cd-title-input", title);
                host.click("cd-create");

                // the invitation dialog opens on the office tree: open 锦江区 (a county below) and invite its leader
                host.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("consult-invite-dialog")));
                By county = By.cssSelector("[data-testid=office-node][data-code='510104']");
                host.wait.until(ExpectedConditions.visibilityOfElementLocated(county));
                assertThat(hostBrowser.driver().findElements(By.cssSelector("[data-testid=office-node][data-level=PROVINCE]")))
                        .as("the tree reaches up to the province").isNotEmpty();
                host.clickIn(county, "office-toggle");
                By inviteButton = By.cssSelector("[data-testid=office-node][data-code='510104'] > ul > "
                        + "[data-testid=tree-official][data-official-id='" + inviteeId + "'] [data-testid=invite-official]");
                host.wait.until(ExpectedConditions.elementToBeClickable(inviteButton)).click();
                host.wait.until(d -> host.text("ci-info").startsWith("已邀请"));
                List<String> names = new ArrayList<>(List.of("锦江区", "成都市", "四川省"));
                for (String user : List.of("cd.leader", "jinjiang.leader")) {
                    JsonNode me = api(user, "GET", "/api/v1/me");
                    names.add(me.path("displayName").asString());
                }
                auditBothLanguages(host, "consultation: invite dialog", names);
                host.screenshot("consultation-invite.png");
                host.click("ci-close");

                JsonNode made = consultationTitled("cd.leader", title);
                long id = made.path("id").asLong();
                assertThat(made.path("state").asString()).isEqualTo("OPEN");
                assertThat(made.path("participants").size()).isEqualTo(1);
                assertThat(made.path("participants").get(0).path("officialId").asLong()).isEqualTo(inviteeId);

                // the host joins from the list: no lobby, connected at once
                By hostRow = By.cssSelector("[data-testid=consult-row][data-consultation-id='" + id + "']");
                host.wait.until(d -> !d.findElement(hostRow).getText().contains("尚未邀请"));
                host.js("window.confirm = () => true");
                host.clickIn(hostRow, "consult-join");
                host.wait.until(d -> host.text("conn-status").equals("已连接"));
                assertThat(host.text("room-title")).contains(title);
                assertThat(hostBrowser.driver().findElement(By.id("lobby-panel")).isDisplayed()).isFalse();

                // the county leader finds it in their own console and joins
                guest.logInToConsole("jinjiang.leader");
                By guestRow = By.cssSelector("[data-testid=consult-row][data-consultation-id='" + id + "']");
                guest.wait.until(ExpectedConditions.visibilityOfElementLocated(guestRow));
                assertThat(guestBrowser.driver().findElement(guestRow).findElements(By.cssSelector("[data-testid=consult-end]")))
                        .as("only the host ends it").isEmpty();
                guest.clickIn(guestRow, "consult-join");
                guest.wait.until(d -> guest.text("conn-status").equals("已连接"));

                // each decodes the other's video through Janus
                By guestTile = By.cssSelector("[data-testid=tile][data-role=official]");
                By hostTile = By.cssSelector("[data-testid=tile][data-role=host]:not(.self)");
                host.wait.until(ExpectedConditions.visibilityOfElementLocated(guestTile));
                guest.wait.until(ExpectedConditions.visibilityOfElementLocated(hostTile));
                host.videoPlays("document.querySelector('[data-testid=tile][data-role=official] video')");
                guest.videoPlays("document.querySelector('[data-testid=tile][data-role=host]:not(.self) video')");
                host.waitForFramesFlowing();
                guest.waitForFramesFlowing();
                assertThat(host.framesDecoded()).isPositive();
                assertThat(guest.framesDecoded()).isPositive();
                assertThat(host.driver().findElement(guestTile).getText()).contains("参会人员");
                assertThat(guest.driver().findElement(hostTile).getText()).contains("主持人");

                // host controls on the guest's tile; none for the guest; only the host may end
                assertThat(host.driver().findElement(guestTile).findElements(By.cssSelector("[data-testid=mute-audio]")))
                        .isNotEmpty();
                assertThat(guest.driver().findElements(By.cssSelector("[data-testid=tile] [data-testid=mute-audio]")))
                        .isEmpty();
                assertThat(guest.driver().findElement(By.id("end")).isDisplayed()).isFalse();
                host.screenshot("consultation-host.png");
                guest.screenshot("consultation-guest.png");
                auditBothLanguages(host, "consultation: in the room, host", names);
                auditBothLanguages(guest, "consultation: in the room, guest", names);

                // the host ends it: both consoles say so, the API says ENDED, the list shows it ended
                host.click("end");
                host.wait.until(d -> host.text("conn-status").equals("会商已结束"));
                guest.wait.until(d -> guest.text("conn-status").equals("会商已结束"));
                auditBothLanguages(guest, "consultation: ended", names);
                host.wait.until(d -> api("cd.leader", "GET", "/api/v1/consultations/" + id).path("state").asString()
                        .equals("ENDED"));
                host.click("leave");
                host.wait.until(d -> "ENDED".equals(d.findElement(hostRow).getAttribute("data-state")));
                assertThat(host.driver().findElement(hostRow).getText()).contains("已结束");
                assertThat(host.driver().findElement(hostRow).findElements(By.cssSelector("[data-testid=consult-join]")))
                        .isEmpty();
            } catch (RuntimeException | AssertionError e) {
                host.screenshotQuietly("failure-consultation-host.png", e);
                guest.screenshotQuietly("failure-consultation-guest.png", e);
                throw e;
            }
        }
    }

    /** The page as it is now has no findings in Chinese, then in English (the switch), and is Chinese again. */
    private static void auditBothLanguages(Page page, String state, List<String> names) {
        assertThat(PageAudit.of(page.browser.driver(), "zh").allowing(names).findings(state)).isEmpty();
        page.js("document.getElementById('lang-switch').click()"); // by script: a modal dialog makes it inert
        page.wait.until(d -> "en".equals(page.js("return document.documentElement.lang")));
        assertThat(PageAudit.of(page.browser.driver(), "en").allowing(names).findings(state)).isEmpty();
        page.js("document.getElementById('lang-switch').click()");
        page.wait.until(d -> "zh-CN".equals(page.js("return document.documentElement.lang")));
    }

    /** The user's consultation with this title, through the API. */
    private JsonNode consultationTitled(String user, String title) {
        for (JsonNode c : api(user, "GET", "/api/v1/consultations")) {
            if (c.path("title").asString().equals(title)) return c;
        }
        throw new AssertionError("no consultation titled " + title + " for " + user);
    }

    /** A JSON GET with HTTP Basic (no session, so no CSRF token needed). */
    private JsonNode api(String user, String method, String path) {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(method + " " + path + " as " + user + ": " + r.body()).isBetween(200, 299);
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One browser's console page, with explicit waits (no sleeps). */
    private final class Page {
        final ChromiumBrowser browser;
        final WebDriverWait wait;

        Page(ChromiumBrowser browser) {
            this.browser = browser;
            this.wait = browser.waiting(TIMEOUT);
            this.wait.ignoring(StaleElementReferenceException.class);
        }

        org.openqa.selenium.chrome.ChromeDriver driver() {
            return browser.driver();
        }

        /** Logs in (leaders land on the console) and waits for the console and its consultation list. */
        void logInToConsole(String user) {
            new BookingPage(driver(), baseUrl()).submitLogin(user, PASSWORD);
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            driver().get(baseUrl() + "/console/index.html");
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("consultations-panel")));
            wait.until(ExpectedConditions.attributeToBe(By.id("consultations-panel"), "data-loaded", "true"));
        }

        String text(String id) {
            return driver().findElement(By.id(id)).getText();
        }

        void click(String id) {
            wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
        }

        void type(String id, String value) {
            WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
            box.clear();
            box.sendKeys(value);
        }

        void clickIn(By within, String testId) {
            wait.until(d -> {
                d.findElement(within).findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
                return true;
            });
        }

        Object js(String script) {
            return ((JavascriptExecutor) driver()).executeScript(script);
        }

        double number(String expression) {
            Object n = js("const v = " + expression + "; return typeof v === 'number' ? v : 0");
            return ((Number) n).doubleValue();
        }

        /** Video frames decoded by the page's live session so far (its current subscription). */
        long framesDecoded() {
            Object n = ((JavascriptExecutor) driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const s = window.__lianxinLive;"
                            + "if (!s) return done(0); s.stats().then(r => done(r.framesDecoded), () => done(0));");
            return ((Number) n).longValue();
        }

        /** Decoded frames grow by more than 5 between two polls; a new subscription just resets the comparison. */
        void waitForFramesFlowing() {
            long[] last = {framesDecoded()};
            wait.until(d -> {
                long now = framesDecoded();
                boolean flowing = now > last[0] + 5;
                last[0] = now;
                return flowing;
            });
        }

        /** The video element (a JS expression) has frames and its time advances. */
        void videoPlays(String element) {
            wait.until(d -> number("(" + element + " || {}).readyState") >= 2);
            double t0 = number("(" + element + " || {}).currentTime");
            wait.until(d -> number("(" + element + " || {}).currentTime") > t0 + 0.3);
            assertThat(number("(" + element + " || {}).videoWidth")).isPositive();
        }

        void screenshot(String name) throws IOException {
            browser.screenshotPage(name);
        }

        void screenshotQuietly(String name, Throwable failure) {
            browser.screenshotQuietly(name, failure);
        }
    }
}
