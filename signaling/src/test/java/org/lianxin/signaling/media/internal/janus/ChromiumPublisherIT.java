package org.lianxin.signaling.media.internal.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.media.StreamStats;
import org.lianxin.signaling.media.Subscription;
import org.lianxin.signaling.testing.CounterWaits;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.testing.RtpSink;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real publisher: headless Chromium with a fake camera and microphone, its SDP relayed through
 * the adapter to the real Janus; its media forwarded with {@code rtp_forward} to UDP sockets here,
 * muted and unmuted server-side, and a keyframe requested.
 */
class ChromiumPublisherIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String SECRET = "room-secret";
    /** No change for this long: a stream stopped. */
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChromiumPublisherIT.class);

    private JanusTestHost host;
    private JanusMediaEngine engine;
    private HttpServer http;
    private ChromeDriver browser;
    private Path profile;
    private final List<RtpSink> sinks = new CopyOnWriteArrayList<>();
    private volatile Subscription subscription;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser && JanusTestHost.strict()) throw new AssertionError("LIANXIN_TEST_STRICT: chromium missing");
        assumeTrue(browser, "needs chromium and chromedriver");
        host = JanusTestHost.start();
        engine = new JanusMediaEngine(host.settings());
        engine.start().get(15, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (http != null) {
            http.stop(0);
        }
        sinks.forEach(RtpSink::close);
        if (engine != null) {
            engine.close();
        }
        if (host != null) {
            host.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aChromiumPublisherGoesLiveIsForwardedAndSubscribedAndCanBeMutedServerSide() throws Exception {
        MediaRoomId room = new MediaRoomId(System.nanoTime() & 0xFFFFFFFFL | 1);
        engine.createRoom(RoomSpec.of(room, SECRET)).get(10, TimeUnit.SECONDS);
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        engine.addListener(room, events::add);
        Publisher publisher = engine.joinAsPublisher(room, "petitioner").get(10, TimeUnit.SECONDS);
        serveOfferPage(publisher);

        openPublisherPage();

        await().atMost(20, TimeUnit.SECONDS).until(() -> events.contains(
                new MediaEvent.WebRtcUp(room, publisher.endpoint())));
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.contains(
                new MediaEvent.MediaFlow(room, publisher.endpoint(), "1", "video", true)));
        assertThat(engine.listParticipants(room).get(10, TimeUnit.SECONDS))
                .containsExactly(new Participant(publisher.feed(), "petitioner", true));
        assertThat(events).contains(new MediaEvent.PublisherJoined(room, publisher.feed(), ""));

        // the node's own counters: bytes of both media arrive from the browser
        await().atMost(10, TimeUnit.SECONDS).until(() -> engine.streamStats(publisher.endpoint()).get()
                .stream().filter(st -> st.bytesInLastSecond() > 0).count() == 2);
        assertThat(engine.streamStats(publisher.endpoint()).get(10, TimeUnit.SECONDS))
                .extracting(StreamStats::mid, StreamStats::kind, StreamStats::codec)
                .containsExactlyInAnyOrder(tuple("0", "audio", "opus"), tuple("1", "video", "vp8"));

        // recording path: forward audio (mid 0) and video (mid 1) to sockets on our side of the veth
        RtpSink audio = sink();
        RtpSink video = sink();
        List<Forwarder> forwarders = engine.rtpForward(new ForwardRequest(room, SECRET, publisher.feed(),
                host.hostAddress(), List.of(new ForwardRequest.Stream("0", audio.port(), 111, 0),
                        new ForwardRequest.Stream("1", video.port(), 96, 0)))).get(10, TimeUnit.SECONDS);
        assertThat(forwarders).hasSize(2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> audio.packets() > 20 && video.packets() > 20);
        assertThat(audio.payloadTypes()).containsExactly(111);
        assertThat(video.payloadTypes()).containsExactly(96);

        long keyframesBefore = video.keyframes();
        engine.requestKeyframe(publisher.endpoint()).get(10, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> video.keyframes() > keyframesBefore);

        // a subscriber (a second peer connection in the same page) decodes the publisher's video
        assertThat(browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " window.subscribe().then(done, e => done('error: ' + e));")).isEqualTo("started");
        Subscription subscription = this.subscription;
        await().atMost(20, TimeUnit.SECONDS).until(() -> events.contains(
                new MediaEvent.WebRtcUp(room, subscription.endpoint())));
        await().atMost(10, TimeUnit.SECONDS).until(() -> received("framesDecoded") > 10 && received("audioBytes") > 0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> engine.streamStats(subscription.endpoint()).get()
                .stream().filter(st -> st.kind().equals("video")).mapToLong(StreamStats::bytesOut).sum() > 0);

        // server-side mute of the video: Janus stops relaying it to subscribers and forwarders alike
        // (the browser keeps sending); audio goes on
        engine.setMuted(room, SECRET, publisher.feed(), "1", true).get(10, TimeUnit.SECONDS);
        // taken effect: what was relayed before the mute has arrived and is decoded
        CounterWaits.awaitUnchangedFor("forwarded video packets", video::packets, QUIET, Duration.ofSeconds(10));
        CounterWaits.awaitUnchangedFor("frames decoded", () -> received("framesDecoded"), QUIET, Duration.ofSeconds(10));

        long videoAtMute = video.packets();
        long audioAtMute = audio.packets();
        long framesAtMute = received("framesDecoded");
        long audioBytesAtMute = received("audioBytes");
        // the span the assertions are about (a measurement, not a wait): 1.5 s muted
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(video.packets() - videoAtMute).as("forwarded video packets while muted")
                            .isLessThanOrEqualTo(5);
                    assertThat(received("framesDecoded") - framesAtMute).as("frames decoded while muted")
                            .isLessThanOrEqualTo(5);
                });
        assertThat(audio.packets() - audioAtMute).as("forwarded audio packets while video muted").isGreaterThan(20);
        assertThat(received("audioBytes")).as("audio received while video muted").isGreaterThan(audioBytesAtMute);
        assertThat(bytesSentByBrowser().get("video").longValue()).as("the browser still sends video").isPositive();

        engine.setMuted(room, SECRET, publisher.feed(), "1", false).get(10, TimeUnit.SECONDS);
        long videoAtUnmute = video.packets();
        long framesAtUnmute = received("framesDecoded");
        await().atMost(5, TimeUnit.SECONDS).until(() -> video.packets() > videoAtUnmute + 20);
        long unmutedAt = System.nanoTime();
        await().atMost(8, TimeUnit.SECONDS).until(() -> received("framesDecoded") > framesAtUnmute + 10);
        log.info("video decoded again {} ms after unmute", (System.nanoTime() - unmutedAt) / 1_000_000);
        engine.leave(subscription.endpoint()).get(10, TimeUnit.SECONDS);

        for (Forwarder f : forwarders) {
            engine.stopRtpForward(room, SECRET, publisher.feed(), f.streamId()).get(10, TimeUnit.SECONDS);
        }
        // what was on its way has arrived; then, for a second, nothing more
        CounterWaits.awaitUnchangedFor("forwarded packets", () -> audio.packets() + video.packets(), QUIET,
                Duration.ofSeconds(10));
        long afterStop = audio.packets() + video.packets();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(audio.packets() + video.packets()).as("packets after stop_rtp_forward")
                        .isEqualTo(afterStop));

        engine.leave(publisher.endpoint()).get(10, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.contains(new MediaEvent.PublisherLeft(room, publisher.feed())));
        await().atMost(5, TimeUnit.SECONDS).until(() -> engine.listParticipants(room).get().isEmpty());
        engine.destroyRoom(room, SECRET).get(10, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ helpers

    private void serveOfferPage(Publisher publisher) throws IOException {
        byte[] page;
        try (InputStream in = JanusTestHost.class.getResourceAsStream("publisher.html")) {
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
                String reason = MediaException.in(e).map(Throwable::getMessage).orElse(String.valueOf(e));
                respond(exchange, 502, "text/plain", reason.getBytes(StandardCharsets.UTF_8));
            }
        });
        http.createContext("/subscribe", exchange -> {
            try {
                subscription = engine.subscribe(publisher.room(), List.of(publisher.feed())).get(10, TimeUnit.SECONDS);
                respond(exchange, 200, "application/sdp", subscription.offer().sdp().getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                String reason = MediaException.in(e).map(Throwable::getMessage).orElse(String.valueOf(e));
                respond(exchange, 502, "text/plain", reason.getBytes(StandardCharsets.UTF_8));
            }
        });
        http.createContext("/answer", exchange -> {
            String answer = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                engine.startSubscription(subscription.endpoint(), Sdp.answer(answer)).get(10, TimeUnit.SECONDS);
                engine.trickle(subscription.endpoint(), IceCandidate.completed()).get(10, TimeUnit.SECONDS);
                respond(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                String reason = MediaException.in(e).map(Throwable::getMessage).orElse(String.valueOf(e));
                respond(exchange, 502, "text/plain", reason.getBytes(StandardCharsets.UTF_8));
            }
        });
        http.start();
    }

    /** What the page's subscriber connection received so far (framesDecoded, audioBytes, videoBytes). */
    @SuppressWarnings("unchecked")
    private long received(String what) {
        Object result = browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.received().then(done);");
        return ((Number) ((Map<String, Object>) result).get(what)).longValue();
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
                // nothing but loopback resolves: the page and its API are on 127.0.0.1
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

    @SuppressWarnings("unchecked")
    private Map<String, Number> bytesSentByBrowser() {
        Object result = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.bytesSent().then(done);");
        return (Map<String, Number>) result;
    }

    private RtpSink sink() throws SocketException {
        RtpSink s = new RtpSink(host.hostAddress());
        sinks.add(s);
        return s;
    }
}
