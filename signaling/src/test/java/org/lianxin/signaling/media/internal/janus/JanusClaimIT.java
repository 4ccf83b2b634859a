package org.lianxin.signaling.media.internal.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine.AdoptedEndpoint;
import org.lianxin.signaling.testing.JanusTestHost;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Janus 1.1's session reclaim with the adapter (issue 14), on the real Janus configured as {@code ./lianxin up} does
 * ({@code reclaim_session_timeout = 20}): an instance's engine drops its connection without destroying its session, a
 * successor claims the session and its handles answer; after the timeout the claim is refused with 458.
 */
class JanusClaimIT {

    private static JanusTestHost host;
    private final List<JanusMediaEngine> engines = new ArrayList<>();

    @BeforeAll
    static void startJanus() {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        host = JanusTestHost.start();
    }

    @AfterAll
    static void stopJanus() {
        if (host != null) {
            host.close();
        }
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(JanusMediaEngine::close);
    }

    private JanusMediaEngine engine(JanusMediaEngine e) {
        engines.add(e);
        return e;
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(15, TimeUnit.SECONDS);
    }

    @Test
    void aSuccessorClaimsTheSessionOfAnInstanceThatVanishedAndItsHandlesAnswer() throws Exception {
        MediaRoomId room = new MediaRoomId(7101);
        JanusMediaEngine a = engine(new JanusMediaEngine(host.settings()));
        get(a.start());
        get(a.createRoom(RoomSpec.of(room, "s")));
        Publisher leader = get(a.joinAsPublisher(room, "leader"));
        long session = a.sessionOf(room).orElseThrow().session(); // the room's own session
        assertThat(session).isNotEqualTo(a.sessionId());

        a.abandon();

        JanusMediaEngine b = engine(JanusMediaEngine.claiming(host.settings(), session));
        get(b.start());
        List<Participant> now = get(b.adopt(room,
                List.of(new AdoptedEndpoint(leader.endpoint(), room, true, leader.feed()))));
        assertThat(now).extracting(Participant::feed).containsExactly(leader.feed());
        // the claimed handle is the same Janus handle: a request on it is answered by the videoroom plugin
        // (a keyframe request of a publisher without media is accepted; a handle Janus lost would get 459)
        get(b.requestKeyframe(leader.endpoint()));
        get(b.leave(leader.endpoint())); // a detach of the claimed handle: Janus lets the publisher go
        await().atMost(Duration.ofSeconds(10)).until(() -> get(b.listParticipants(room)).isEmpty());
        get(b.destroyRoom(room, "s"));
    }

    @Test
    void afterTheReclaimTimeoutTheClaimIsRefusedWith458() throws Exception {
        JanusMediaEngine a = engine(new JanusMediaEngine(host.settings()));
        get(a.start());
        long session = a.sessionId();
        Instant dropped = Instant.now();
        a.abandon();

        // a claim would restart the timeout: watch the session through the Admin API until Janus sweeps it
        try (JanusAdminClient admin = new JanusAdminClient(host.adminWsUrl(), host.adminSecret(),
                Duration.ofSeconds(5), JsonMapper.builder().build())) {
            assertThat(sessions(admin)).contains(session); // kept while nobody holds it
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !sessions(admin).contains(session));
        }
        Duration kept = Duration.between(dropped, Instant.now());

        JanusMediaEngine b = engine(JanusMediaEngine.claiming(host.settings(), session));
        MediaException refused;
        try {
            b.start().get(15, TimeUnit.SECONDS);
            throw new AssertionError("claimed a session Janus swept");
        } catch (Exception e) {
            refused = MediaException.in(e).orElseThrow(() -> new AssertionError("not a MediaException", e));
        }

        assertThat(refused.code()).isEqualTo(Code.MEDIA_ENDPOINT_LOST);
        assertThat(refused.getCause()).isInstanceOfSatisfying(MediaException.class,
                janus -> assertThat(janus.serverCode()).contains(458));
        assertThat(kept).isGreaterThanOrEqualTo(Duration.ofSeconds(19));
    }

    private static List<Long> sessions(JanusAdminClient admin) throws Exception {
        ObjectNode list = admin.object();
        list.put("janus", "list_sessions");
        JsonNode reply = admin.request(list).get(10, TimeUnit.SECONDS);
        List<Long> ids = new ArrayList<>();
        reply.path("sessions").forEach(n -> ids.add(n.asLong()));
        return ids;
    }
}
