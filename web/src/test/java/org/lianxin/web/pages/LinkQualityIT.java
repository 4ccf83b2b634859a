package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.testing.LinkFaults;
import org.openqa.selenium.By;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Link quality through the real pages, our signaling and a real Janus in its namespace: in a reception, random loss
 * of the media between the browsers and Janus (nftables on Janus's side; the WebSocket untouched) turns the
 * leader's indicator of the terminal's link from good to poor or bad — in words, with the numbers on focus — and
 * shows the kiosk its calm hint; without the loss both come back; the recording (Janus's rtp_forward, which the loss
 * leaves alone) has its media; after the end the recording's review data lists
 * the bad-link period of the petitioner, with its end and worst loss, and the review page says it in words. And a
 * 512 kbit/s county link: the kiosk gets the leader's reduced simulcast layer and keeps decoding it.
 */
class LinkQualityIT extends LiveApp {
    private static final Logger log = LoggerFactory.getLogger(LinkQualityIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final By PETITIONER_TILE = By.cssSelector("[data-testid=tile][data-role=petitioner]");
    private static final By PETITIONER_LINK = By.cssSelector(
            "[data-testid=tile][data-role=petitioner] [data-testid=link-quality]");

    @DynamicPropertySource
    static void recorderAddress(DynamicPropertyRegistry r) {
        // Janus forwards the tracks to the recorder from its namespace: to this host's address there
        r.add("lianxin.recording.rtp-host", () -> janus.hostAddress());
    }

    @Test
    void lossOnTheMediaLinkTurnsTheTerminalsIndicatorPoorThenGoodAndTheReviewListsTheBadLinkPeriod()
            throws IOException {
        LiveFixture f = LiveFixture.createForDemoLeader(baseUrl(), PASSWORD, "jinjiang.leader");
        try (ChromiumBrowser leaderBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser kioskBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             LinkFaults faults = LinkFaults.janusMedia(janus)) {
            Page leader = new Page(leaderBrowser);
            Page kiosk = new Page(kioskBrowser);
            try {
                // a reception: the leader hosts, the petitioner joins from the kiosk and is admitted
                new BookingPage(leaderBrowser.driver(), baseUrl()).logIn("jinjiang.leader", PASSWORD);
                leaderBrowser.driver().get(baseUrl() + "/console/index.html");
                leader.waitUntilReady();
                List<String> names = List.of(leader.text("who").split("（")[0], f.leaderName(), "锦江区", "成都市",
                        "四川省", "李测试");
                By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                        .findElement(By.cssSelector("[data-testid=open-session]")).click();
                leader.js("window.confirm = () => true");
                leader.wait.until(d -> leader.text("conn-status").equals("已连接"));

                LivePage.checkInAndJoin(kiosk, f, baseUrl(), PASSWORD);
                By waiting = By.cssSelector("[data-testid=waiting]");
                leader.wait.until(d -> d.findElement(waiting).isDisplayed());
                leader.clickIn(waiting, "admit");
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(PETITIONER_TILE));
                leader.videoPlays("document.querySelector('[data-testid=tile][data-role=petitioner] video')");
                leader.wait.until(d -> leader.recordingStatuses(f.bookingId()).contains("RECORDING"));

                // a clean link: the leader sees the terminal's link as good, the kiosk no hint
                leader.wait.until(d -> "good".equals(linkLevel(leader)));
                assertThat(leader.browser.driver().findElement(PETITIONER_LINK).getText()).isEqualTo("线路良好");
                assertThat(kiosk.browser.driver().findElement(By.id("live-link")).isDisplayed()).isFalse();

                // 20 % of the media lost both ways: poor or bad, in words and bars, the numbers on focus
                Instant lossFrom = Instant.now();
                faults.loss(20);
                leader.wait.until(d -> List.of("poor", "bad").contains(linkLevel(leader)));
                WebElement indicator = leader.browser.driver().findElement(PETITIONER_LINK);
                assertThat(indicator.getText()).isIn("线路较差", "线路很差");
                assertThat(indicator.getAttribute("aria-label")).startsWith("网络线路：");
                WebElement detail = indicator.findElement(By.cssSelector("[data-testid=link-detail]"));
                assertThat(detail.isDisplayed()).as("the numbers only on hover or focus").isFalse();
                leader.js("document.querySelector('[data-testid=tile][data-role=petitioner] "
                        + "[data-testid=link-quality]').focus()");
                leader.wait.until(d -> detail.isDisplayed());
                assertThat(detail.getText()).startsWith("丢包 ").contains("往返延迟").contains("千比特/秒");
                kiosk.wait.until(d -> d.findElement(By.id("live-link")).isDisplayed());
                assertThat(kiosk.text("live-link")).startsWith("网络").contains("您不需要做任何操作");
                leader.screenshot("link-quality-console-poor.png");
                kiosk.screenshot("link-quality-kiosk-poor.png");
                LivePage.auditBothLanguages(leader, "console: the terminal's link poor", names);
                LivePage.auditBothLanguages(kiosk, "kiosk: own link poor", names);
                // the reception goes on: the leader's video still plays at the kiosk
                kiosk.waitForFramesFlowing();

                // the loss ends: good again at both ends, without anyone doing anything
                faults.restore();
                Instant lossTo = Instant.now();
                leader.wait.until(d -> "good".equals(linkLevel(leader)));
                kiosk.wait.until(d -> !d.findElement(By.id("live-link")).isDisplayed());
                assertThat(leader.browser.driver().findElement(PETITIONER_LINK).getText()).isEqualTo("线路良好");

                // the end; the review data holds the petitioner's bad-link period (the province's reviewer looks,
                // on the kiosk's browser after the reception)
                leader.click("end");
                leader.wait.until(d -> leader.text("conn-status").equals("接访已结束"));
                // the recorder's rtp_forward was not touched by the loss: the recording has its media
                leader.wait.until(d -> !leader.recordingStatuses(f.bookingId()).contains("RECORDING"));
                assertThat(leader.recordingStatuses(f.bookingId())).isEqualTo("COMPLETED");
                kioskBrowser.driver().manage().deleteAllCookies();
                new BookingPage(kioskBrowser.driver(), baseUrl()).logIn("sc.reviewer", PASSWORD);
                Page reviewer = kiosk;
                // (a loaded machine may add short periods of its own, e.g. a frozen picture at the start: the one
                // of the loss is the one that spans it)
                List<Map<?, ?>> periods = reviewer.badLinkPeriods(f.bookingId());
                Map<?, ?> period = periods.stream().filter(p -> {
                    Instant s = Instant.parse((String) p.get("at"));
                    Instant e = Instant.parse((String) ((Map<?, ?>) p.get("link")).get("end"));
                    return s.isBefore(lossTo) && e.isAfter(lossFrom);
                }).findFirst().orElse(null);
                assertThat(period).as("the petitioner's BAD_LINK entry of the loss in the recording's timeline: "
                        + periods + " (loss " + lossFrom + " to " + lossTo + ")").isNotNull();
                assertThat(period.get("role")).isEqualTo("PETITIONER");
                Map<?, ?> link = (Map<?, ?>) period.get("link");
                assertThat((String) link.get("level")).isIn("POOR", "BAD");
                assertThat(((Number) link.get("lossPercent")).doubleValue()).isGreaterThanOrEqualTo(3);
                Instant start = Instant.parse((String) period.get("at"));
                Instant end = Instant.parse((String) link.get("end"));
                assertThat(start).isBefore(lossTo);
                assertThat(end).isAfter(start).isAfterOrEqualTo(lossTo.minusSeconds(1));

                // and the review page says it in words, on the timeline
                kioskBrowser.driver().get(baseUrl() + "/review/?case=" + f.caseNumber());
                reviewer.waitUntilReady();
                reviewer.wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("[data-testid=case-result]"))).click();
                reviewer.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                        "[data-testid=recording-row][data-id='" + period.get("recordingId") + "'] "
                                + "[data-testid=recording-open]"))).click();
                By badLink = By.cssSelector("[data-testid=timeline-bad-link][data-participant-id='"
                        + period.get("participantId") + "']");
                reviewer.wait.until(ExpectedConditions.visibilityOfElementLocated(badLink));
                assertThat(kioskBrowser.driver().findElements(badLink)).hasSize(periods.size())
                        .anySatisfy(li -> assertThat(li.getText()).contains("李测试的网络线路").contains("丢包最高 "
                                + link.get("lossPercent")));
                reviewer.screenshot("link-quality-review.png");
                List<String> reviewNames = new java.util.ArrayList<>(names);
                reviewNames.add(f.caseNumber());
                LivePage.auditBothLanguages(reviewer, "review: a bad-link period", reviewNames);
            } catch (RuntimeException | AssertionError e) {
                kiosk.screenshotQuietly("failure-link-quality-kiosk.png", e);
                leader.screenshotQuietly("failure-link-quality-console.png", e);
                throw e;
            }
        }
    }

    /**
     * Bandwidth: what Janus sends towards the browsers limited to 512 kbit/s ({@code tbf}; the leader's and the
     * kiosk's downloads share it). Both publish two VP8 layers (simulcast); the kiosk's link reports make the server
     * give it the reduced layer, and it goes on decoding the leader's video; when the limit is lifted it gets the full
     * layer back. The frame rates are logged for the report (speed is measured, not asserted).
     */
    @Test
    void aCountyOn512KbitStillDecodesTheLeadersVideoOnTheReducedLayer() throws IOException {
        LiveFixture f = LiveFixture.createForDemoLeader(baseUrl(), PASSWORD, "jinjiang.leader");
        try (ChromiumBrowser leaderBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser kioskBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             LinkFaults faults = LinkFaults.janusMedia(janus)) {
            Page leader = new Page(leaderBrowser);
            Page kiosk = new Page(kioskBrowser);
            try {
                reception(f, leader, kiosk);
                kiosk.wait.until(d -> kiosk.receivedWidth() >= 640);
                assertThat(kiosk.js("return window.__lianxinLive.pub.getSenders()"
                        + ".find(s => s.track && s.track.kind === 'video').getParameters().encodings.length"))
                        .as("the kiosk sends two layers").isEqualTo(2L);

                faults.rateLimit(512);
                long limitedFrom = System.nanoTime();
                kiosk.wait.until(d -> kiosk.receivedWidth() > 0 && kiosk.receivedWidth() <= 320);
                double switchSeconds = (System.nanoTime() - limitedFrom) / 1e9;
                long frames0 = kiosk.framesDecoded();
                long t0 = System.nanoTime();
                kiosk.wait.until(d -> kiosk.framesDecoded() >= frames0 + 150);
                double fps = 150 / ((System.nanoTime() - t0) / 1e9);
                assertThat(kiosk.receivedWidth()).as("still the reduced layer").isBetween(1L, 320L);
                kiosk.videoPlays("document.getElementById('remote-video')");
                log.info("BANDWIDTH 512 kbit/s: reduced layer after {} s; kiosk decoded the leader at {} fps ({})",
                        String.format("%.1f", switchSeconds), String.format("%.1f", fps), faults.rateLimitStats());
                kiosk.screenshot("link-quality-kiosk-512kbit.png");

                faults.clearRateLimit();
                long liftedAt = System.nanoTime();
                kiosk.wait.until(d -> kiosk.receivedWidth() >= 640);
                log.info("BANDWIDTH limit lifted: the full layer back after {} s",
                        String.format("%.1f", (System.nanoTime() - liftedAt) / 1e9));
                kiosk.waitForFramesFlowing();

                // for the report, the baseline: the same limit while the leader sends one layer (as before simulcast)
                leader.js("localStorage.setItem('lianxin.simulcast', 'off'); window.__lianxinLive.media.publish()");
                leader.wait.until(d -> Long.valueOf(1).equals(leader.js("return window.__lianxinLive.pub"
                        + " && window.__lianxinLive.pub.getSenders().find(s => s.track && s.track.kind === 'video')"
                        + ".getParameters().encodings.length")));
                kiosk.wait.until(d -> kiosk.receivedWidth() >= 640 && kiosk.framesDecoded() > 30);
                faults.rateLimit(512);
                long base0 = kiosk.framesDecoded();
                long b0 = System.nanoTime();
                try {
                    // 150 frames or 15 s, whichever first (it was 40 s): without simulcast only a dozen frames get
                    // through at this limit, in the first seconds (12 in 15 s, 13 in 40 s on 2026-12-04), so the
                    // logged figure (not asserted) is the frame count; its fps reads higher over the shorter window
                    kiosk.browser.waiting(Duration.ofSeconds(15)).until(d -> kiosk.framesDecoded() >= base0 + 150);
                } catch (org.openqa.selenium.TimeoutException slow) {
                    // the baseline may not get there: its frame rate is what the report needs
                }
                long baseFrames = kiosk.framesDecoded() - base0;
                double baseFps = baseFrames / ((System.nanoTime() - b0) / 1e9);
                log.info("BANDWIDTH 512 kbit/s without simulcast (baseline): {} frames decoded, {} fps ({})",
                        baseFrames, String.format("%.1f", baseFps), faults.rateLimitStats());
            } catch (RuntimeException | AssertionError e) {
                kiosk.screenshotQuietly("failure-bandwidth-kiosk.png", e);
                leader.screenshotQuietly("failure-bandwidth-console.png", e);
                throw e;
            }
        }
    }

    /** The leader hosts the booking's session, the petitioner joins from the kiosk and is admitted; both see video. */
    private void reception(LiveFixture f, Page leader, Page kiosk) {
        new BookingPage(leader.browser.driver(), baseUrl()).logIn("jinjiang.leader", PASSWORD);
        leader.browser.driver().get(baseUrl() + "/console/index.html");
        leader.waitUntilReady();
        By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
        leader.wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                .findElement(By.cssSelector("[data-testid=open-session]")).click();
        leader.js("window.confirm = () => true");
        leader.wait.until(d -> leader.text("conn-status").equals("已连接"));
        LivePage.checkInAndJoin(kiosk, f, baseUrl(), PASSWORD);
        By waiting = By.cssSelector("[data-testid=waiting]");
        leader.wait.until(d -> d.findElement(waiting).isDisplayed());
        leader.clickIn(waiting, "admit");
        kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
        leader.wait.until(ExpectedConditions.visibilityOfElementLocated(PETITIONER_TILE));
        leader.videoPlays("document.querySelector('[data-testid=tile][data-role=petitioner] video')");
        kiosk.videoPlays("document.getElementById('remote-video')");
    }

    /** The level of the petitioner's link indicator on the console, or null when there is none. */
    private static String linkLevel(Page leader) {
        Object level = leader.js("const e = document.querySelector('[data-testid=tile][data-role=petitioner] "
                + "[data-testid=link-quality]'); return e ? e.dataset.level : null;");
        return level == null ? null : level.toString();
    }

    /** One browser's page: the shared steps of LivePage and this test's own readings. */
    private static final class Page extends LivePage {
        Page(ChromiumBrowser browser) {
            super(browser, TIMEOUT);
        }

        /** The petitioner's BAD_LINK entries of the booking's recording as the review API gives them (with recordingId). */
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> badLinkPeriods(long bookingId) {
            Object found = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const h = {headers: {Accept: 'application/json'}};"
                            + "fetch('/api/v1/recordings?bookingId=' + arguments[0], h).then(r => r.json())"
                            + ".then(l => fetch('/api/v1/recordings/' + l[0].id, h).then(r => r.json())"
                            + ".then(d => done(d.timeline.filter(x => x.type === 'BAD_LINK' && x.role === 'PETITIONER')"
                            + ".map(e => Object.assign({recordingId: l[0].id}, e)))))"
                            + ".catch(e => done([]));",
                    bookingId);
            return (List<Map<?, ?>>) found;
        }

        /** The width of the video the page's subscription decodes now (0 if none). */
        long receivedWidth() {
            Object n = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const s = window.__lianxinLive;"
                            + "if (!s || !s.sub) return done(0); s.sub.getStats().then(r => { let w = 0;"
                            + " r.forEach(x => { if (x.type === 'inbound-rtp' && x.kind === 'video') w = x.frameWidth || 0; });"
                            + " done(w); }, () => done(0));");
            return ((Number) n).longValue();
        }
    }
}
