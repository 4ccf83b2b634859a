package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.signaling.testing.JanusTestHost;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A whole reception through the real pages, our signaling endpoint and a real Janus (in a network namespace, see
 * {@link JanusTestHost}): the leader opens the console and hosts; county staff check the petitioner in at the
 * terminal kiosk and join; the petitioner waits until the leader admits, then each sees the other's video; the leader
 * mutes the petitioner's sound; the kiosk's connection drops and comes back; the leader invites a department official,
 * and ends; the kiosk asks for the evaluation, which is
 * stored with the booking.
 */
class LiveReceptionIT extends LiveApp {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    RecordingCatalog catalog;

    @Test
    void theLeaderAdmitsThePetitionerTheySeeEachOtherAndTheKioskStoresTheEvaluation() throws IOException {
        LiveFixture f = LiveFixture.createForDemoLeader(baseUrl(), PASSWORD, "jinjiang.leader");
        try (ChromiumBrowser leaderBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser kioskBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN")) {
            Page leader = new Page(leaderBrowser);
            Page kiosk = new Page(kioskBrowser);
            try {
                // the leader opens today's session in the console and hosts (no lobby for the host)
                new BookingPage(leaderBrowser.driver(), baseUrl()).logIn("jinjiang.leader", PASSWORD);
                leaderBrowser.driver().get(baseUrl() + "/console/index.html");
                leader.waitUntilReady();
                By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                        .findElement(By.cssSelector("[data-testid=open-session]")).click();
                leader.js("window.confirm = () => true");
                leader.wait.until(d -> leader.text("conn-status").equals("已连接"));

                // county staff: booking code, identity, self-test, recording notice, join → the lobby
                LivePage.checkInAndJoin(kiosk, f, baseUrl(), PASSWORD);
                kiosk.wait.until(d -> kiosk.text("live-status").equals("等待接访"));
                kiosk.wait.until(d -> kiosk.text("lobby-place").equals("您排在第 1 位"));
                assertThat(kiosk.number("document.getElementById('remote-video').readyState")).isZero();

                // the leader sees the petitioner waiting and admits
                By waiting = By.cssSelector("[data-testid=waiting]");
                leader.wait.until(d -> d.findElement(waiting).getText().contains("信访人"));
                leader.clickIn(waiting, "admit");

                // both see each other: the kiosk shows the leader large, the console the petitioner's tile
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                kiosk.videoPlays("document.getElementById('remote-video')");
                assertThat(kiosk.text("remote-name")).contains(f.leaderName());
                By petitionerTile = By.cssSelector("[data-testid=tile][data-role=petitioner]");
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(petitionerTile));
                leader.videoPlays("document.querySelector('[data-testid=tile][data-role=petitioner] video')");
                leader.wait.until(d -> LiveFixture.state(baseUrl(), PASSWORD, f.bookingId()).equals("IN_SESSION"));
                kiosk.screenshot("reception-kiosk.png");
                leader.screenshot("reception-console.png");

                // the leader mutes the petitioner's sound: both pages say so
                leader.clickIn(petitionerTile, "mute-audio");
                leader.wait.until(d -> d.findElement(petitionerTile).getText().contains("已静音"));
                kiosk.wait.until(d -> kiosk.text("live-detail").equals("您的声音已被主持人暂停"));

                // the kiosk's connection drops: it reconnects with the same token, resumes without a new
                // admission, still muted, and the video flows again both ways
                kiosk.js("window.__lianxinLive.dropConnection()");
                kiosk.wait.until(d -> kiosk.text("live-status").equals("正在重新连接…"));
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                assertThat(kiosk.text("live-detail")).isEqualTo("您的声音已被主持人暂停");
                kiosk.waitForFramesFlowing();
                leader.waitForFramesFlowing();
                kiosk.videoPlays("document.getElementById('remote-video')");
                assertThat(LiveFixture.state(baseUrl(), PASSWORD, f.bookingId())).isEqualTo("IN_SESSION");

                // the leader invites a department official during the session
                leader.click("invite-open");
                WebElement invitee = leader.wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("[data-testid=invitee]")));
                invitee.click();
                leader.click("i-confirm");
                leader.wait.until(d -> leader.text("room-info").startsWith("已邀请"));
                assertThat(LiveFixture.invitations(baseUrl(), PASSWORD, f.bookingId())).isEqualTo(1);

                // the leader ends: the kiosk asks for the evaluation and stores it with the booking
                leader.click("end");
                leader.wait.until(d -> leader.text("conn-status").equals("接访已结束"));
                kiosk.waitForPanel("evaluate");
                leader.wait.until(d -> LiveFixture.state(baseUrl(), PASSWORD, f.bookingId()).equals("COMPLETED"));
                kioskBrowser.driver().findElement(By.cssSelector("[data-testid=score][data-score='5']")).click();
                WebElement comment = kioskBrowser.driver().findElement(By.id("eval-comment"));
                comment.sendKeys("解答清楚，态度很好");
                kiosk.click("eval-submit");
                kiosk.wait.until(d -> kiosk.text("eval-done").equals("感谢您的评价！"));
                assertThat(LiveFixture.satisfactionScore(baseUrl(), PASSWORD, f.bookingId())).isEqualTo(5);
            } catch (RuntimeException | AssertionError e) {
                kiosk.screenshotQuietly("failure-reception-kiosk.png", e);
                leader.screenshotQuietly("failure-reception-console.png", e);
                throw e;
            }
        }
    }

    /**
     * The console through a real reception, in Chinese and in English (issue 9): the room is titled with the
     * petitioner's matter; the petitioner waits and is shown by name (the leader's jurisdiction holds the case);
     * "录制中" shows exactly while the recorder records — not while the leader waits alone, not while the petitioner
     * waits in the lobby, from the admission on, and no more after the end, when the petitioner's tile goes too.
     */
    @Test
    void theConsoleNamesThePetitionersMatterAndShowsRecordingExactlyWhileTheRecorderRecords() throws IOException {
        LiveFixture f = LiveFixture.createForDemoLeader(baseUrl(), PASSWORD, "jinjiang.leader");
        try (ChromiumBrowser leaderBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser kioskBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN")) {
            Page leader = new Page(leaderBrowser);
            Page kiosk = new Page(kioskBrowser);
            try {
                new BookingPage(leaderBrowser.driver(), baseUrl()).logIn("jinjiang.leader", PASSWORD);
                leaderBrowser.driver().get(baseUrl() + "/console/index.html");
                leader.waitUntilReady();
                List<String> names = List.of(leader.text("who").split("（")[0], f.leaderName(), "锦江区", "成都市",
                        "四川省");
                By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
                leader.wait.until(d -> d.findElement(row).getText().contains("工资拖欠"));
                LivePage.auditBothLanguages(leader, "console: list", names);

                // alone in the room: titled with the matter; the recorder is asked, and nothing is recorded yet
                leader.clickIn(row, "open-session");
                leader.js("window.confirm = () => true");
                leader.wait.until(d -> leader.text("conn-status").equals("已连接"));
                assertThat(leader.text("room-title")).contains("工资拖欠").contains(f.caseNumber())
                        .doesNotContain(f.leaderName());
                int polls = leader.polls();
                leader.wait.until(d -> leader.polls() >= polls + 1);
                assertThat(leader.recBadges()).as("not before the petitioner comes").isZero();
                LivePage.auditBothLanguages(leader, "console: room before admission", names);

                // the petitioner checks in and waits in the lobby, named for the leader
                LivePage.checkInAndJoin(kiosk, f, baseUrl(), PASSWORD);
                By waiting = By.cssSelector("[data-testid=waiting]");
                leader.wait.until(d -> d.findElement(waiting).getText().contains("李测试"));
                int lobbyPolls = leader.polls();
                leader.wait.until(d -> leader.polls() >= lobbyPolls + 1);
                assertThat(leader.recBadges()).as("not while the petitioner waits in the lobby").isZero();
                LivePage.auditBothLanguages(leader, "console: lobby with a petitioner waiting", names);

                // admitted: the recorder records, and the console says so
                leader.clickIn(waiting, "admit");
                By petitionerTile = By.cssSelector("[data-testid=tile][data-role=petitioner]");
                leader.wait.until(d -> d.findElement(petitionerTile).getText().contains("李测试"));
                leader.videoPlays("document.querySelector('[data-testid=tile][data-role=petitioner] video')");
                leader.wait.until(d -> leader.recordingStatuses(f.bookingId()).contains("RECORDING"));
                leader.wait.until(d -> leader.recBadges() == 1);
                LivePage.auditBothLanguages(leader, "console: in session, recording", names);
                leader.screenshot("console-recording.png");

                // the end: the mark and the petitioner's tile go at once
                leader.click("end");
                leader.wait.until(d -> leader.text("conn-status").equals("接访已结束"));
                assertThat(leader.recBadges()).as("not after the end").isZero();
                assertThat(leaderBrowser.driver().findElements(petitionerTile)).isEmpty();
                assertThat(leaderBrowser.driver().findElements(By.cssSelector("[data-testid=mute-audio]"))).isEmpty();
                LivePage.auditBothLanguages(leader, "console: ended", names);
                leader.wait.until(d -> !leader.recordingStatuses(f.bookingId()).contains("RECORDING"));
                assertThat(leader.recBadges()).isZero();
            } catch (RuntimeException | AssertionError e) {
                kiosk.screenshotQuietly("failure-recording-kiosk.png", e);
                leader.screenshotQuietly("failure-recording-console.png", e);
                throw e;
            }
        }
    }

    /**
     * Instant admission without giving anything away (issue 10): while the petitioner waits, the kiosk already
     * publishes — its camera reaches the media server — but to nobody: the leader's page receives no stream of it,
     * a subscribe naming it is refused with a numbered error, and the recording has no track of it. The admission
     * is then only subscriptions: both ends decode, and the recording gets the petitioner's track.
     */
    @Test
    void aWaitingPetitionerPublishesToNobodyAndTheAdmissionIsOnlySubscriptions() throws IOException {
        LiveFixture f = LiveFixture.createForDemoLeader(baseUrl(), PASSWORD, "jinjiang.leader");
        try (ChromiumBrowser leaderBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser kioskBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN")) {
            Page leader = new Page(leaderBrowser);
            Page kiosk = new Page(kioskBrowser);
            try {
                new BookingPage(leaderBrowser.driver(), baseUrl()).logIn("jinjiang.leader", PASSWORD);
                leaderBrowser.driver().get(baseUrl() + "/console/index.html");
                leader.waitUntilReady();
                By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                        .findElement(By.cssSelector("[data-testid=open-session]")).click();
                leader.js("window.confirm = () => true");
                leader.wait.until(d -> leader.text("conn-status").equals("已连接"));
                leader.js("window.__errors = []; window.__lianxinLive.on('error', e => window.__errors.push(e.code))");

                LivePage.checkInAndJoin(kiosk, f, baseUrl(), PASSWORD);
                kiosk.wait.until(d -> kiosk.text("live-status").equals("等待接访"));
                assertThat(kiosk.text("lobby-private")).contains("还没有人能看到您");
                LivePage.auditBothLanguages(kiosk, "kiosk: in the lobby, publishing to nobody",
                        List.of(f.leaderName(), "李测试", f.caseNumber()));

                // the kiosk's camera reaches the media server while it waits (its publisher is up and sending)
                kiosk.wait.until(d -> "connected".equals(kiosk.js(
                        "const p = window.__lianxinLive.pub; return p ? p.connectionState : ''")));
                kiosk.wait.until(d -> kiosk.bytesSent() > 100_000);
                assertThat(kiosk.number("document.getElementById('remote-video').readyState")).isZero();

                // … and to nobody: the leader receives no stream, may not subscribe to it, nothing records it
                By waiting = By.cssSelector("[data-testid=waiting]");
                leader.wait.until(d -> d.findElement(waiting).getText().contains("李测试"));
                String petitionerId = String.valueOf(leader.js("return [...window.__lianxinLive.waiting.keys()][0]"));
                leader.js("window.__lianxinLive.send({type: 'subscribe', participants: ['" + petitionerId + "']})");
                leader.wait.until(d -> String.valueOf(leader.js("return window.__errors.join(',')")).contains("303"));
                assertThat(leader.js("return window.__lianxinLive.streams.size")).isEqualTo(0L);
                // the leader's receiving connection is up already, carrying nothing of anyone
                leader.wait.until(d -> "connected".equals(leader.js(
                        "const s = window.__lianxinLive.sub; return s ? s.connectionState : ''")));
                assertThat(leader.js("return [...window.__lianxinLive.midOwner.values()].length")).isEqualTo(0L);
                assertThat(leader.framesDecoded()).isZero();
                assertThat(leader.js("return [...window.__lianxinLive.waiting.values()][0].publishing"))
                        .as("not shown as publishing").isEqualTo(false);
                assertThat(petitionerTracks(f.bookingId())).as("no track of a waiting petitioner").isZero();
                assertThat(leader.recordingStatuses(f.bookingId())).doesNotContain("RECORDING");

                // admitted: only subscriptions — both decode, and the recording takes the petitioner's track
                kiosk.wait.until(d -> "connected".equals(kiosk.js(
                        "const s = window.__lianxinLive.sub; return s ? s.connectionState : ''")));
                // held ahead, paused (issue 10): each receiving connection already carries the other end's audio and
                // video (besides its own feed's two sections, of which nothing is sent), answered, and nothing of
                // them arrives: no packet, no frame, for several seconds
                for (Page p : List.of(kiosk, leader)) {
                    p.wait.until(d -> p.heldSections() >= 4);
                }
                long quietUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                while (System.nanoTime() < quietUntil) {
                    assertThat(kiosk.receivedOnSubscriber()).as("kiosk: nothing of the leader before admission")
                            .isEqualTo("packets=0 frames=0");
                    assertThat(leader.receivedOnSubscriber()).as("console: nothing of the petitioner before admission")
                            .isEqualTo("packets=0 frames=0");
                }
                assertThat(kiosk.js("return window.__lianxinLive.streams.size")).as("kiosk shows no one").isEqualTo(0L);
                assertThat(leader.js("return window.__lianxinLive.streams.size")).isEqualTo(0L);
                String kioskSdp = kiosk.remoteSdp();
                String leaderSdp = leader.remoteSdp();
                leader.js("window.__receivingBefore = window.__lianxinLive.sub");
                kiosk.js("window.__receivingBefore = window.__lianxinLive.sub");
                double connectionsBefore = leader.number("window.__lianxinLive.media.subscriberConnections")
                        + kiosk.number("window.__lianxinLive.media.subscriberConnections");
                leader.clickIn(waiting, "admit");
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                kiosk.videoPlays("document.getElementById('remote-video')");
                leader.videoPlays("document.querySelector('[data-testid=tile][data-role=petitioner] video')");
                leader.wait.until(d -> petitionerTracks(f.bookingId()) == 1);
                assertThat(kiosk.js("return window.__lianxinLive.pub.connectionState")).as("the same publisher")
                        .isEqualTo("connected");
                // … on the receiving connections made while waiting: no RTCPeerConnection was made at the admission
                assertThat(leader.js("return window.__lianxinLive.sub === window.__receivingBefore")).isEqualTo(true);
                assertThat(kiosk.js("return window.__lianxinLive.sub === window.__receivingBefore")).isEqualTo(true);
                assertThat(leader.number("window.__lianxinLive.media.subscriberConnections")
                        + kiosk.number("window.__lianxinLive.media.subscriberConnections"))
                        .as("subscriber connections made").isEqualTo(connectionsBefore);
                // … and with no new offer: the streams held while waiting were only turned on
                assertThat(kiosk.remoteSdp()).as("kiosk: no renegotiation at the admission").isEqualTo(kioskSdp);
                assertThat(leader.remoteSdp()).as("console: no renegotiation at the admission").isEqualTo(leaderSdp);
                assertThat(kiosk.receivedOnSubscriber()).doesNotContain("frames=0");
                assertThat(leader.receivedOnSubscriber()).doesNotContain("frames=0");
                leader.click("end");
                leader.wait.until(d -> leader.text("conn-status").equals("接访已结束"));
            } catch (RuntimeException | AssertionError e) {
                kiosk.screenshotQuietly("failure-lobby-kiosk.png", e);
                leader.screenshotQuietly("failure-lobby-console.png", e);
                throw e;
            }
        }
    }

    /** The petitioner's tracks in the booking's recordings. */
    private long petitionerTracks(long bookingId) {
        return catalog.ofBooking(bookingId).stream().flatMap(r -> catalog.tracks(r.id()).stream())
                .filter(t -> "PETITIONER".equals(t.role())).count();
    }

    /** One browser's page: the shared steps of LivePage and this test's own readings. */
    private static final class Page extends LivePage {
        Page(ChromiumBrowser browser) {
            super(browser, TIMEOUT);
        }

        /** How often the console's recording mark has asked the recorder in this room. */
        int polls() {
            Object n = js("const a = document.getElementById('rec-area'); return a ? Number(a.dataset.polls || 0) : 0");
            return ((Number) n).intValue();
        }

        int recBadges() {
            return browser.driver().findElements(By.cssSelector("[data-testid=rec-badge]")).size();
        }

        /** Sections of the receiving connection, negotiated (its signaling stable). */
        long heldSections() {
            Object n = js("const s = window.__lianxinLive.sub; if (!s || s.signalingState !== 'stable') return 0;"
                    + "return s.getTransceivers().filter(t => t.mid != null).length");
            return ((Number) n).longValue();
        }

        /** The receiving connection's current remote SDP (the node's last offer). */
        String remoteSdp() {
            return String.valueOf(js("const s = window.__lianxinLive.sub; return s && s.remoteDescription"
                    + " ? s.remoteDescription.sdp : ''"));
        }

        /** RTP packets and video frames the receiving connection got so far, as "packets=N frames=M". */
        String receivedOnSubscriber() {
            return String.valueOf(((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const s = window.__lianxinLive.sub;"
                            + "if (!s) return done('no connection'); s.getStats().then(r => { let p = 0, f = 0;"
                            + "r.forEach(x => { if (x.type === 'inbound-rtp') { p += x.packetsReceived || 0;"
                            + "f += x.framesDecoded || 0; } }); done('packets=' + p + ' frames=' + f); },"
                            + "e => done(String(e)));"));
        }

        /** Bytes the page's live session has sent (its publisher) so far. */
        long bytesSent() {
            Object n = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const s = window.__lianxinLive;"
                            + "if (!s) return done(0); s.stats().then(r => done(r.bytesSent), () => done(0));");
            return ((Number) n).longValue();
        }
    }
}
