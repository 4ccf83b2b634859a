package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.signaling.testing.LinkFaults;
import org.lianxin.web.pages.LiveFixture;
import org.lianxin.web.pages.PageAudit;
import org.openqa.selenium.By;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Drops of the media link in the middle of a recorded reception (real pages, real Janus, real Chromium): every UDP
 * packet between the browsers and Janus's ICE/RTP ports is dropped ({@link LinkFaults}), the signaling WebSocket and
 * the recorder's rtp_forward are not. Nobody clicks anything afterwards.
 * <ul>
 *   <li>3 s: the video comes back at both ends on the same peer connections, the booking stays IN_SESSION, and the
 *   recording's manifest lists no gap longer than the drop (plus the recorder's own slack);</li>
 *   <li>30 s (the reconnect grace): the kiosk says it is reconnecting in words a petitioner understands (its
 *   signaling connection also drops and comes back meanwhile), then ICE is restarted on the same peer connections
 *   through our signaling and the session goes on;</li>
 *   <li>5 % random loss each way for a minute: video keeps decoding at both ends (every 10 s) and the audio plays on
 *   (getStats: totalSamplesReceived, concealedSamples).</li>
 * </ul>
 * How fast the video comes back is measured by {@code ./lianxin bench drop}, not asserted here.
 */
class MediaDropIT extends InProcessRecordingIT {
    private static final Logger log = LoggerFactory.getLogger(MediaDropIT.class);
    private static final String CONNECTED = "已连接";
    private static final String MEDIA_LOST = "视频连接中断，正在恢复";
    private static final String PETITIONER_VIDEO =
            "document.querySelector('[data-testid=tile][data-role=petitioner] video')";
    private LinkFaults link;

    @BeforeAll
    static void start() {
        env = RecordingTestEnv.start("media-drop", false);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        RecordingTestEnv.register(r, () -> env, false, false);
    }

    @AfterEach
    void wholeLink() {
        if (link != null) link.close();
    }

    @Test
    void afterAThreeSecondMediaDropTheVideoComesBackAtBothEndsAndTheRecordingHasAtMostThatGap() {
        Duration drop = Duration.ofSeconds(3);
        RecordedSessionDriver session = RecordedSessionDriver.open("http://localhost:" + port, env.password, "drop-3s");
        long recording;
        try (session) {
            try {
                session.hostAndCheckIn();
                session.admit();
                recording = catalog.ofBooking(session.bookingId()).get(0).id();
                RecordingChecks.awaitChainedMedia(catalog, recording, 2, Duration.ofSeconds(2), Duration.ofSeconds(90));
                session.markPeerConnections();

                link = LinkFaults.janusMedia(env.janus);
                link.outage();
                sleep(drop); // the outage itself: its length is the test's input, not a wait for something
                link.restore();
                Instant back = Instant.now();

                session.kiosk().waitForFramesFlowing("the kiosk decoding the leader's video after the drop");
                session.leader().waitForFramesFlowing("the console decoding the petitioner's video after the drop");
                log.info("3 s drop: video flowing again at both ends {} ms after the link returned",
                        Duration.between(back, Instant.now()).toMillis());
                session.kiosk().videoPlays("document.getElementById('remote-video')");
                session.leader().videoPlays(PETITIONER_VIDEO);
                assertSamePeerConnections(session);
                session.kiosk().waitUntil("the kiosk connected", d -> session.kiosk().text("live-status").equals(CONNECTED));
                assertThat(LiveFixture.state("http://localhost:" + port, env.password, session.bookingId()))
                        .isEqualTo("IN_SESSION");
                session.end();
            } catch (RuntimeException | AssertionError e) {
                session.screenshots("failure", e);
                throw e;
            }
        }
        Recording done = RecordingChecks.await("recording " + recording + " COMPLETED", Duration.ofSeconds(60),
                () -> catalog.find(recording).filter(r -> r.status() == Recording.Status.COMPLETED).orElse(null),
                () -> catalog.find(recording).map(Recording::toString).orElse("gone"));
        RecordingChecks.await("the manifest of recording " + recording + " stored", Duration.ofSeconds(60),
                () -> store.stat(Manifest.key(recording)).isPresent());
        Manifest m = RecordingChecks.assertVerified(store, recording);
        assertThat(done.series()).as("no new series: the same feeds went on").isZero();
        for (Manifest.Gap gap : m.gaps()) {
            assertThat(Duration.between(gap.from(), gap.to())).as("gap " + gap + " vs a drop of " + drop)
                    .isLessThanOrEqualTo(drop.plusSeconds(2));
        }
    }

    @Test
    void duringAThirtySecondMediaDropTheKioskSaysItIsReconnectingAndIceRestartsBringTheSessionBack() {
        Duration drop = Duration.ofSeconds(30);
        RecordedSessionDriver session = RecordedSessionDriver.open("http://localhost:" + port, env.password,
                "drop-30s");
        long recording;
        Instant back;
        try (session) {
            try {
                session.hostAndCheckIn();
                session.admit();
                recording = catalog.ofBooking(session.bookingId()).get(0).id();
                session.markPeerConnections();

                link = LinkFaults.janusMedia(env.janus);
                link.outage();
                Instant restoreAt = Instant.now().plus(drop);
                // first "reconnecting, please wait" (ICE restarts), then, the path down for seconds, "the video link
                // is lost, staff are told" (MediaPathWatch): a 30 s drop ends in the second
                session.kiosk().waitUntil("the kiosk saying the video link is lost during the drop",
                        d -> session.kiosk().text("live-status").equals(MEDIA_LOST));
                assertThat(session.kiosk().text("live-detail")).isEqualTo(
                        "网络出了问题，您暂时看不到也听不到对方。工作人员已收到通知，请在原地稍候。");
                assertThat(PageAudit.of(session.kiosk().browser.driver(), "zh").findings("kiosk: media lost"))
                        .isEmpty();
                assertThat(PageAudit.outsideViewport(session.kiosk().browser.driver(), By.id("live-status"),
                        By.id("live-detail"))).isEmpty();
                session.leader().waitUntil("the console saying the video is being restored",
                        d -> "reconnecting".equals(d.findElement(By.id("conn-status")).getDomAttribute("data-media")));
                assertThat(session.leader().text("conn-status")).isEqualTo("视频连接中断，正在恢复…");
                assertThat(PageAudit.of(session.leader().browser.driver(), "zh")
                        .findings("console: media reconnecting")).isEmpty();
                assertThat(Instant.now()).as("the kiosk said so while the link was still down").isBefore(restoreAt);
                // the kiosk's signaling connection drops too and comes back while the media path is still down:
                // the page keeps its peer connections and restarts ICE on them
                session.kiosk().js("window.__lianxinLive.dropConnection()");
                session.kiosk().waitUntil("the kiosk's signaling back (media still down)",
                        d -> "inSession".equals(session.kiosk().js("return window.__lianxinLive.status")));
                sleep(Duration.between(Instant.now(), restoreAt)); // the rest of the outage: the test's input
                link.restore();
                back = Instant.now();

                session.kiosk().waitUntil("the kiosk connected again",
                        d -> session.kiosk().text("live-status").equals(CONNECTED));
                session.kiosk().waitForFramesFlowing("the kiosk decoding the leader's video after the drop");
                session.leader().waitForFramesFlowing("the console decoding the petitioner's video after the drop");
                log.info("30 s drop: video flowing again at both ends {} ms after the link returned",
                        Duration.between(back, Instant.now()).toMillis());
                assertSamePeerConnections(session);
                for (RecordedSessionDriver.Page p : List.of(session.kiosk(), session.leader())) {
                    Object restarts = p.js("return window.__lianxinLive.media.restarts");
                    assertThat(((Number) restarts).intValue()).as("ICE restarts asked for by the page").isPositive();
                }
                assertThat(LiveFixture.state("http://localhost:" + port, env.password, session.bookingId()))
                        .isEqualTo("IN_SESSION");
                session.end();
            } catch (RuntimeException | AssertionError e) {
                session.screenshots("failure", e);
                throw e;
            }
        }
        RecordingChecks.await("recording " + recording + " COMPLETED", Duration.ofSeconds(60),
                () -> catalog.find(recording).filter(r -> r.status() == Recording.Status.COMPLETED).orElse(null),
                () -> catalog.find(recording).map(Recording::toString).orElse("gone"));
        RecordingChecks.await("the manifest of recording " + recording + " stored", Duration.ofSeconds(60),
                () -> store.stat(Manifest.key(recording)).isPresent());
        Manifest m = RecordingChecks.assertVerified(store, recording);
        for (Manifest.Track track : m.tracks()) {
            Instant lastMedia = m.segments().stream().filter(seg -> seg.trackId().equals(track.trackId()))
                    .map(Manifest.Segment::endedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
            // the captures used to end 10 s into the drop (FFmpeg's RTP read timeout): 20 s before the link came back
            assertThat(lastMedia).as("track %s recorded after the link came back at %s", track.trackId(), back)
                    .isAfter(back);
        }
    }

    @Test
    void withFivePercentLossForAMinuteVideoKeepsDecodingAndAudioStaysContinuousAtBothEnds() {
        Duration window = Duration.ofSeconds(60);
        Duration step = Duration.ofSeconds(10);
        RecordedSessionDriver session = RecordedSessionDriver.open("http://localhost:" + port, env.password,
                "loss-5pct");
        try (session) {
            try {
                session.hostAndCheckIn();
                session.admit();
                List<RecordedSessionDriver.Page> pages = List.of(session.kiosk(), session.leader());
                link = LinkFaults.janusMedia(env.janus);
                link.loss(5);
                List<Map<String, Number>> first = pages.stream().map(MediaDropIT::counters).toList();
                List<Map<String, Number>> last = first;
                for (int i = 1; i <= window.dividedBy(step); i++) {
                    sleep(step); // the loss lasts the window: these samples are the measurement, not a wait
                    List<Map<String, Number>> now = pages.stream().map(MediaDropIT::counters).toList();
                    for (int p = 0; p < pages.size(); p++) {
                        String who = p == 0 ? "kiosk" : "console";
                        long frames = now.get(p).get("framesDecoded").longValue()
                                - last.get(p).get("framesDecoded").longValue();
                        log.info("5 % loss, {} s: {} decoded {} video frames in the last {} s", i * step.toSeconds(),
                                who, frames, step.toSeconds());
                        assertThat(frames).as(who + ": video frames decoded in the " + step.toSeconds() + " s up to "
                                + i * step.toSeconds() + " s of 5 % loss").isGreaterThan(10);
                    }
                    last = now;
                }
                link.restore();
                for (int p = 0; p < pages.size(); p++) {
                    String who = p == 0 ? "kiosk" : "console";
                    double samples = last.get(p).get("totalSamplesReceived").doubleValue()
                            - first.get(p).get("totalSamplesReceived").doubleValue();
                    double concealed = last.get(p).get("concealedSamples").doubleValue()
                            - first.get(p).get("concealedSamples").doubleValue();
                    log.info("5 % loss for {} s, {}: {} audio samples received, {} concealed ({} %), video frames {}",
                            window.toSeconds(), who, (long) samples, (long) concealed,
                            String.format(java.util.Locale.ROOT, "%.1f", 100 * concealed / Math.max(1, samples)),
                            last.get(p).get("framesDecoded").longValue() - first.get(p).get("framesDecoded").longValue());
                    // 48 kHz: at least 80 % of the window played out, at most a fifth of it made up by concealment
                    assertThat(samples).as(who + ": audio samples played during the loss").isGreaterThan(
                            0.8 * 48_000 * window.toSeconds());
                    assertThat(concealed / samples).as(who + ": share of concealed audio samples").isLessThan(0.2);
                }
                assertThat(session.kiosk().text("live-status")).isEqualTo(CONNECTED);
                session.end();
            } catch (RuntimeException | AssertionError e) {
                session.screenshots("failure", e);
                throw e;
            }
        }
    }

    /** The page's live counters (framesDecoded, totalSamplesReceived, concealedSamples, ...). */
    @SuppressWarnings("unchecked")
    private static Map<String, Number> counters(RecordedSessionDriver.Page page) {
        Object r = ((org.openqa.selenium.JavascriptExecutor) page.browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.__lianxinLive.stats().then(done, () => done({}));");
        return (Map<String, Number>) r;
    }

    /** Both pages still have the peer connections marked before the drop: restarted, not replaced. */
    private static void assertSamePeerConnections(RecordedSessionDriver session) {
        for (RecordedSessionDriver.Page p : List.of(session.kiosk(), session.leader())) {
            Object same = p.js("const s = window.__lianxinLive; return !!(s && s.pub && s.sub && s.pub.__lxOld"
                    + " && s.sub.__lxOld)");
            assertThat(same).as("the same publisher and subscriber peer connections as before the drop")
                    .isEqualTo(true);
        }
    }

    private static void sleep(Duration d) {
        if (d.isNegative()) return;
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
