package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.testing.TestMedia;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.media.StreamStats;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.testing.JanusTestHost;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real path: headless Chromium publishes camera + microphone to a real Janus (in a network namespace),
 * Janus {@code rtp_forward}s them to a {@link TrackCapture} on this host's end of the veth pair, and the
 * capture's keyframe requests go through the media engine as PLIs. Needs root, Janus, Chromium.
 */
class JanusCaptureIT {

    private static final Logger log = LoggerFactory.getLogger(JanusCaptureIT.class);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String SECRET = "room-secret";

    @TempDir
    Path spool;

    private JanusTestHost host;
    private JanusMediaEngine engine;
    private HttpServer http;
    private ChromeDriver browser;
    private Path profile;
    private TrackCapture capture;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        boolean tools = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) && TestMedia.available();
        if (!tools && JanusTestHost.strict()) {
            throw new AssertionError("LIANXIN_TEST_STRICT: chromium, chromedriver or ffmpeg missing");
        }
        assumeTrue(tools, "needs chromium, chromedriver and ffmpeg");
        host = JanusTestHost.start();
        engine = new JanusMediaEngine(host.settings());
        engine.start().get(15, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (capture != null) {
            capture.abort();
        }
        if (browser != null) {
            browser.quit();
        }
        if (http != null) {
            http.stop(0);
        }
        if (engine != null) {
            engine.close();
        }
        if (host != null) {
            host.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aChromiumPublisherForwardedByJanusIsRecordedAsKeyframeAlignedSegmentsWithAudioAndVideo() throws Exception {
        MediaRoomId room = new MediaRoomId(System.nanoTime() & 0xFFFFFFFFL | 1);
        engine.createRoom(RoomSpec.of(room, SECRET)).get(10, TimeUnit.SECONDS);
        Publisher publisher = engine.joinAsPublisher(room, "petitioner").get(10, TimeUnit.SECONDS);
        serveOfferPage(publisher);
        openPublisherPage();
        await().atMost(20, TimeUnit.SECONDS).until(() -> engine.streamStats(publisher.endpoint()).get()
                .stream().filter(st -> st.bytesInLastSecond() > 0).count() == 2);

        List<ClosedSegment> segments = new CopyOnWriteArrayList<>();
        AtomicLong keyframeRequests = new AtomicLong();
        long t0 = System.nanoTime();
        capture = TrackCapture.open(TrackSpec.of("janus", spool, host.hostAddress()), CaptureSettings.defaults(),
                () -> {
                    keyframeRequests.incrementAndGet();
                    engine.requestKeyframe(publisher.endpoint()); // asynchronous: returns a future
                }, segments::add);
        log.info("capture open in {} ms on {}:{}/{}", (System.nanoTime() - t0) / 1_000_000, host.hostAddress(),
                capture.audioPort(), capture.videoPort());
        List<Forwarder> forwarders = engine.rtpForward(new ForwardRequest(room, SECRET, publisher.feed(),
                host.hostAddress(), List.of(new ForwardRequest.Stream("0", capture.audioPort(), 111, 0),
                        new ForwardRequest.Stream("1", capture.videoPort(), 96, 0)))).get(10, TimeUnit.SECONDS);
        assertThat(forwarders).hasSize(2);
        engine.requestKeyframe(publisher.endpoint()).get(10, TimeUnit.SECONDS); // Janus sends none by itself

        // the first segment closed (about 10 s) and 12.5 s of audio received (Chromium's Opus: 20 ms packets)
        await().atMost(60, TimeUnit.SECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                .until(() -> segments.size() == 1 && capture.stats().audioPackets() >= 625);
        long closeStart = System.nanoTime();
        capture.close();
        long closeMs = (System.nanoTime() - closeStart) / 1_000_000;
        for (Forwarder f : forwarders) {
            engine.stopRtpForward(room, SECRET, publisher.feed(), f.streamId()).get(10, TimeUnit.SECONDS);
        }
        log.info("janus capture: close {} ms, stats {}, media {}", closeMs, capture.stats(),
                engine.streamStats(publisher.endpoint()).get(10, TimeUnit.SECONDS).stream()
                        .map(StreamStats::codec).toList());

        assertThat(segments).hasSize(2);
        assertThat(segments).extracting(ClosedSegment::last).containsExactly(false, true);
        for (ClosedSegment s : segments) {
            log.info("janus segment {}: {} bytes, {} ms from {} ms, {} audio / {} video packets, keyframe {}",
                    s.index(), s.bytes(), s.durationMs(), s.firstPtsMs(), s.audioPackets(), s.videoPackets(),
                    s.startsOnKeyframe());
            TrackCaptureIT.assertSegmentIsComplete(s);
            assertThat(TestMedia.streams(s.file())).containsExactly("opus,audio", "vp8,video");
            assertThat(TrackCaptureIT.firstVideoPacketIsKeyframe(s.file())).isTrue();
            assertThat(s.startsOnKeyframe()).isTrue();
            assertThat(s.audioPackets()).isPositive();
            assertThat(s.videoPackets()).isPositive();
        }
        // the boundary keyframe was asked for and came: segment 0 ends between 9 and 10.5 s
        assertThat(segments.get(0).durationMs()).isBetween(8_800L, 10_500L);
        assertThat(keyframeRequests.get()).isPositive();
        assertThat(closeMs).isLessThan(2000);
        TrackCaptureIT.assertConcatenationPlays(segments, 10.0, 13.5);
        engine.leave(publisher.endpoint()).get(10, TimeUnit.SECONDS);
        engine.destroyRoom(room, SECRET).get(10, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ the publisher page (as in ChromiumPublisherIT)

    private void serveOfferPage(Publisher publisher) throws IOException {
        byte[] page;
        try (InputStream in = JanusTestHost.class.getResourceAsStream("publisher.html")) {
            assertThat(in).as("publisher.html from the signaling test-jar").isNotNull();
            page = in.readAllBytes();
        }
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> respond(exchange, 200, "text/html; charset=utf-8", page));
        http.createContext("/offer", exchange -> {
            String offer = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                Sdp answer = engine.publish(publisher.endpoint(), Sdp.offer(offer)).get(10, TimeUnit.SECONDS);
                engine.trickle(publisher.endpoint(), IceCandidate.completed()).get(10, TimeUnit.SECONDS);
                respond(exchange, 200, "application/sdp", answer.sdp().getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                respond(exchange, 502, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
            }
        });
        http.start();
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void openPublisherPage() throws IOException {
        profile = Files.createTempDirectory("lianxin-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-features=WebRtcHideLocalIpsWithMdns,MediaRouter,OptimizationHints",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.get("http://127.0.0.1:" + http.getAddress().getPort() + "/");
        await().atMost(20, TimeUnit.SECONDS).until(() -> {
            Object error = browser.executeScript("return window.lx && window.lx.error");
            if (error != null) {
                throw new AssertionError("publisher page failed: " + error);
            }
            return Boolean.TRUE.equals(browser.executeScript("return window.lx && window.lx.answered"));
        });
    }
}
