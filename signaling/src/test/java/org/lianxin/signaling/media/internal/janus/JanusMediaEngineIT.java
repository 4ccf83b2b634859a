package org.lianxin.signaling.media.internal.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaEngineContract;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.testing.JanusTestHost;

/**
 * The Janus adapter against the real Janus 1.1 from Debian, in a network namespace of its own: the
 * {@link MediaEngineContract} with Janus's own error numbers, plus what is Janus-specific.
 */
class JanusMediaEngineIT implements MediaEngineContract {

    /** Janus's videoroom error numbers behind our codes (janus_videoroom.c). */
    private static final Map<Code, Integer> JANUS_CODES = Map.of(Code.MEDIA_NO_SUCH_ROOM, 426,
            Code.MEDIA_ROOM_EXISTS, 427, Code.MEDIA_NO_SUCH_FEED, 428, Code.MEDIA_UNAUTHORIZED, 433);

    private static JanusTestHost host;
    private static JanusMediaEngine engine;

    @BeforeAll
    static void startJanus() throws Exception {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        host = JanusTestHost.start();
        engine = new JanusMediaEngine(host.settings());
        engine.start().get(15, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopJanus() {
        if (engine != null) {
            engine.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Override
    public MediaEngine engine() {
        return engine;
    }

    @Override
    public String forwardHost() {
        return host.hostAddress();
    }

    @Override
    public void assertServerCode(MediaException e) {
        Integer janus = JANUS_CODES.get(e.code());
        if (janus != null) {
            assertThat(e.serverCode()).as(e.getMessage()).contains(janus);
        }
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(15, TimeUnit.SECONDS);
    }

    private static MediaException failure(CompletableFuture<?> f) {
        try {
            f.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            return MediaException.in(e).orElseThrow(() -> new AssertionError("not a MediaException", e));
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void creatingARoomWithAWrongAdminKeyIsRefused() throws Exception {
        JanusSettings wrongKey = JanusSettings.of(host.wsUrl(), "not-the-key").withRequestTimeout(Duration.ofSeconds(5));
        try (JanusMediaEngine other = new JanusMediaEngine(wrongKey)) {
            other.start().get(15, TimeUnit.SECONDS);

            MediaException e = failure(other.createRoom(RoomSpec.of(newRoom(), "sec")));

            assertThat(e.code()).isEqualTo(Code.MEDIA_UNAUTHORIZED);
            assertThat(e.serverCode()).contains(433);
        }
    }

    @Test
    void aRestartedJanusIsReportedAsNodeLostAndTheEngineReconnects() throws Exception {
        JanusSettings settings = host.settings();
        try (JanusMediaEngine own = new JanusMediaEngine(settings)) {
            own.start().get(15, TimeUnit.SECONDS);
            MediaRoomId room = newRoom();
            get(own.createRoom(RoomSpec.of(room, "sec")));
            Publisher p = get(own.joinAsPublisher(room, "p"));
            List<MediaEvent> events = new CopyOnWriteArrayList<>();
            own.addListener(room, events::add);

            host.restartJanus();

            await().atMost(15, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(MediaEvent.NodeLost.class::isInstance));
            assertThat(events).filteredOn(MediaEvent.NodeLost.class::isInstance).first()
                    .isInstanceOfSatisfying(MediaEvent.NodeLost.class,
                            lost -> assertThat(lost.lostEndpoints()).containsExactly(p.endpoint()));
            await().atMost(20, TimeUnit.SECONDS).until(() -> own.health().reachable());
            // the room is gone with the old Janus; it can be created again
            get(own.createRoom(RoomSpec.of(room, "sec")));
            get(own.destroyRoom(room, "sec"));
            // the shared engine reconnects too
            await().atMost(20, TimeUnit.SECONDS).until(() -> engine.health().reachable());
        }
    }
}
