package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.live.LiveRoomsTest.MemoryMedia;
import org.lianxin.signaling.live.LiveRoomsTest.Recorded;
import org.lianxin.signaling.live.LiveRoomsTest.TestClock;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.ForwardTarget;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;

/**
 * Publishing to nobody from the lobby, carried out on the media node (the fake media engine): the
 * publisher endpoint exists while waiting, nothing subscribes to it or forwards it, admission adds
 * only subscriptions, and a petitioner sent away from the lobby has its endpoint closed.
 */
class LobbyPublishingOnMediaTest {

    private static final String ROOM = LiveRoomsTest.ROOM;
    private static final String OFFER = LiveRoomsTest.OFFER;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T02:00:00Z"));
    private final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            clock);
    private final MemoryMedia media = new MemoryMedia();
    private final Recorded connections = new Recorded();
    private final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    private LiveRooms rooms;

    @BeforeEach
    void start() {
        rooms = new LiveRooms(media, tokens, new RoomSettings(Duration.ofSeconds(1), Duration.ofMinutes(15)), clock,
                connections, (room, session, e) -> events.add(e));
        rooms.start();
        rooms.open(ROOM, LiveRoomsTest.SESSION);
    }

    @AfterEach
    void stop() {
        rooms.stop(Duration.ofSeconds(2));
    }

    @Test
    void theWaitingPetitionersEndpointIsUpButNobodySubscribesNorForwardsUntilAdmission() throws Exception {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        long hostEndpoint = publish(host, "c-host");
        LiveRooms.Participant petitioner = join("c-pet", Role.PETITIONER, "petitioner");
        assertThat(connections.to("c-pet")).contains(new ServerMessage.PrepareMedia());

        long petitionerEndpoint = publish(petitioner, "c-pet");

        assertThat(connections.to("c-pet")).contains(new ServerMessage.Answer("answer-for-" + petitionerEndpoint));
        assertThat(media.calls).contains("join petitioner");
        assertThat(connections.to("c-host")).as("the host is not told of the feed")
                .doesNotContain(new ServerMessage.ParticipantPublishing("petitioner", true));
        say(host, "c-host", new ClientMessage.Subscribe(List.of("petitioner")), "s1");
        assertThat(connections.to("c-host")).filteredOn(m -> m instanceof ServerMessage.Failure)
                .extracting(m -> ((ServerMessage.Failure) m).code()).containsExactly(ErrorCode.ROOM_PARTICIPANT_UNKNOWN);
        assertThat(connections.to("c-host")).noneMatch(m -> m instanceof ServerMessage.Offer);
        MediaException refused = LiveRoomsTest.failureOf(
                rooms.forward(ROOM, "petitioner", new ForwardTarget("198.18.0.1", 5002, 111, 5004, 96)));
        assertThat(refused.code()).isEqualTo(MediaException.Code.MEDIA_NOT_PUBLISHED);
        assertThat(media.forwards).as("no rtp_forward of a waiting petitioner").isEmpty();
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        assertThat(events).noneMatch(e -> e instanceof RoomEvent.PublishingStarted p
                && p.participantId().equals("petitioner"));

        int joinsBefore = (int) media.calls.stream().filter(c -> c.startsWith("join")).count();
        say(host, "c-host", new ClientMessage.Admit("petitioner"), "a1");

        assertThat(connections.to("c-host")).anySatisfy(m -> {
            assertThat(m).isInstanceOf(ServerMessage.ParticipantJoined.class);
            assertThat(((ServerMessage.ParticipantJoined) m).participant().publishing()).isTrue();
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals("petitioner")));
        say(host, "c-host", new ClientMessage.Subscribe(List.of("petitioner")), "s2");
        say(petitioner, "c-pet", new ClientMessage.Subscribe(List.of("host")), "s3");
        assertThat(connections.to("c-host")).anyMatch(m -> m instanceof ServerMessage.Offer);
        assertThat(connections.to("c-pet")).anyMatch(m -> m instanceof ServerMessage.Offer);
        assertThat(media.calls.stream().filter(c -> c.startsWith("join")).count())
                .as("admission published nothing anew").isEqualTo(joinsBefore);
        assertThat(rooms.forward(ROOM, "petitioner", new ForwardTarget("198.18.0.1", 5002, 111, 5004, 96))
                .get(5, TimeUnit.SECONDS)).hasSize(2);
        assertThat(hostEndpoint).isNotEqualTo(petitionerEndpoint);
    }

    @Test
    void whenTheAdmittedSubscriptionsComeUpTheirPublishersAreAskedForAKeyframe() throws Exception {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        long hostEndpoint = publish(host, "c-host");
        LiveRooms.Participant petitioner = join("c-pet", Role.PETITIONER, "petitioner");
        long petitionerEndpoint = publish(petitioner, "c-pet");
        say(host, "c-host", new ClientMessage.Admit("petitioner"), "a1");
        say(host, "c-host", new ClientMessage.Subscribe(List.of("petitioner")), "s1");
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        long hostSubscriber = media.lastSubscriber;
        say(petitioner, "c-pet", new ClientMessage.Subscribe(List.of("host")), "s2");
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        long petitionerSubscriber = media.lastSubscriber;
        media.calls.clear();

        media.emit(new MediaEvent.WebRtcUp(media.created.get(0).id(), new EndpointId(hostSubscriber)));
        assertThat(media.calls).containsExactly("keyframe " + new EndpointId(petitionerEndpoint));
        media.emit(new MediaEvent.WebRtcUp(media.created.get(0).id(), new EndpointId(petitionerSubscriber)));
        assertThat(media.calls).containsExactly("keyframe " + new EndpointId(petitionerEndpoint),
                "keyframe " + new EndpointId(hostEndpoint));
    }

    @Test
    void aDeniedPetitionersEndpointIsClosedOnTheNode() throws Exception {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        LiveRooms.Participant petitioner = join("c-pet", Role.PETITIONER, "petitioner");
        long endpoint = publish(petitioner, "c-pet");

        say(host, "c-host", new ClientMessage.Remove("petitioner"), "r1");

        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        assertThat(media.calls).contains("leave " + new EndpointId(endpoint));
        assertThat(connections.closed).contains("c-pet");
    }

    @Test
    void aPetitionerWhoLeavesTheLobbyHasItsEndpointClosed() throws Exception {
        join("c-host", Role.HOST, "host");
        LiveRooms.Participant petitioner = join("c-pet", Role.PETITIONER, "petitioner");
        long endpoint = publish(petitioner, "c-pet");

        say(petitioner, "c-pet", new ClientMessage.Leave(), "l1");

        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        assertThat(media.calls).contains("leave " + new EndpointId(endpoint));
    }

    private LiveRooms.Participant join(String connection, Role role, String id) {
        String token = tokens.issue(new JoinGrant(LiveRoomsTest.SESSION, ROOM, role, id, id));
        return rooms.join(new ConnectionId(connection), null, token, "j").orElseThrow();
    }

    private void say(LiveRooms.Participant who, String connection, ClientMessage m, String correlation) {
        rooms.handle(who, new ConnectionId(connection), new Incoming(correlation, m));
    }

    /** Publishes and reports its peer connection up; returns the publisher endpoint. */
    private long publish(LiveRooms.Participant who, String connection) throws Exception {
        say(who, connection, new ClientMessage.Publish(OFFER), "p-" + who.participantId());
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        long endpoint = media.lastPublisher;
        media.emit(new MediaEvent.WebRtcUp(media.created.get(0).id(), new EndpointId(endpoint)));
        return endpoint;
    }
}
