package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser's live page (kiosk or console) in a real-Chromium IT, with explicit waits (no sleeps): the steps
 * and readings the live-page ITs share; a test's own readings go into its subclass.
 */
class LivePage {
    final ChromiumBrowser browser;
    final WebDriverWait wait;

    LivePage(ChromiumBrowser browser, Duration timeout) {
        this.browser = browser;
        this.wait = browser.waiting(timeout);
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** The page as it is now has no findings in Chinese, then in English (the switch), and is Chinese again. */
    static void auditBothLanguages(LivePage page, String state, List<String> names) {
        assertThat(PageAudit.of(page.browser.driver(), "zh").allowing(names).findings(state)).isEmpty();
        page.click("lang-switch");
        page.wait.until(d -> "en".equals(page.js("return document.documentElement.lang")));
        assertThat(PageAudit.of(page.browser.driver(), "en").allowing(names).findings(state)).isEmpty();
        page.click("lang-switch");
        page.wait.until(d -> "zh-CN".equals(page.js("return document.documentElement.lang")));
    }

    /**
     * County staff (jinjiang.scheduler) at the kiosk: log in, find the booking by its code, check the petitioner in
     * with the case's ID number, pass the self-test and the recording notice and join; the kiosk shows the live panel
     * (the petitioner waits in the lobby until admitted).
     */
    static void checkInAndJoin(LivePage kiosk, LiveFixture f, String baseUrl, String password) {
        new BookingPage(kiosk.browser.driver(), baseUrl).logIn("jinjiang.scheduler", password);
        kiosk.browser.driver().get(baseUrl + "/terminal/index.html");
        kiosk.waitUntilReady();
        kiosk.type("code", f.code());
        kiosk.waitForPanel("identity");
        kiosk.type("id-number", f.idNumber());
        kiosk.waitForPanel("devices");
        kiosk.click("devices-next");
        kiosk.waitForPanel("notice");
        kiosk.click("notice-ack");
        kiosk.click("join");
        kiosk.waitForPanel("live");
    }

    /**
     * A real reception under way: the leader ({@code leaderUser}, the booking's host) opens the session in the console
     * and hosts; county staff (jinjiang.scheduler) find the booking at the kiosk, check the petitioner in, pass the
     * self-test and the notice and join; the leader admits the petitioner; both pages are connected and the console
     * plays the petitioner's video.
     */
    static void receive(LivePage leader, LivePage kiosk, LiveFixture f, String baseUrl, String password, String leaderUser) {
        new BookingPage(leader.browser.driver(), baseUrl).logIn(leaderUser, password);
        leader.browser.driver().get(baseUrl + "/console/index.html");
        leader.waitUntilReady();
        By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
        leader.wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                .findElement(By.cssSelector("[data-testid=open-session]")).click();
        leader.js("window.confirm = () => true");
        leader.wait.until(d -> leader.text("conn-status").equals("已连接"));
        checkInAndJoin(kiosk, f, baseUrl, password);
        By waiting = By.cssSelector("[data-testid=waiting]");
        leader.wait.until(d -> d.findElement(waiting).getText().contains("信访人"));
        leader.clickIn(waiting, "admit");
        kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
        leader.videoPlays("document.querySelector('[data-testid=tile][data-role=petitioner] video')");
    }

    void waitUntilReady() {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    void waitForPanel(String step) {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-step", step));
    }

    String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    void type(String id, String value) {
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        box.clear();
        box.sendKeys(value, Keys.ENTER);
    }

    void clickIn(By within, String testId) {
        wait.until(d -> {
            d.findElement(within).findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
            return true;
        });
    }

    /** The statuses of the booking's recordings, as the signed-in user may see them (REST). */
    String recordingStatuses(long bookingId) {
        return String.valueOf(((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/recordings?bookingId=' + arguments[0], {headers: {Accept: 'application/json'}})"
                        + ".then(r => r.json()).then(l => done(l.map(x => x.status).join(',')), e => done(''));",
                bookingId));
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }

    double number(String expression) {
        Object n = js("const v = " + expression + "; return typeof v === 'number' ? v : 0");
        return ((Number) n).doubleValue();
    }

    /** Video frames decoded by the page's live session so far (its current subscription). */
    long framesDecoded() {
        Object n = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const s = window.__lianxinLive;"
                        + "if (!s) return done(0); s.stats().then(r => done(r.framesDecoded), () => done(0));");
        return ((Number) n).longValue();
    }

    /**
     * Waits until decoded video frames grow by more than 5 between two polls (half a second apart); a new
     * subscription (its counter starts again) just resets the comparison.
     */
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
