package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaHealth;
import org.lianxin.signaling.media.MediaListener;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.media.StreamStats;
import org.lianxin.signaling.media.Subscription;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.MediaRoute;
import org.lianxin.signaling.protocol.OfferedStream;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.signaling.turn.TurnCredentials;
import org.lianxin.signaling.turn.TurnSettings;
import org.lianxin.signaling.media.ForwardTarget;

/** LiveRooms carrying out room transitions against an in-memory media engine and recorded connections. */
class LiveRoomsTest {

    static final String ROOM = "booking-7";
    static final SessionRef SESSION = SessionRef.reception("7");
    static final String OFFER = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\n";

    final TestClock clock = new TestClock(Instant.parse("2026-12-01T02:00:00Z"));
    final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
    final MemoryMedia media = new MemoryMedia();
    final Recorded connections = new Recorded();
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    LiveRooms rooms;

    @BeforeEach
    void start() {
        rooms = new LiveRooms(media, tokens, new RoomSettings(Duration.ofSeconds(1), Duration.ofMinutes(15)), clock,
                connections, (room, session, e) -> events.add(e));
        rooms.start();
        rooms.open(ROOM, SESSION);
    }

    @AfterEach
    void stop() {
        rooms.stop(Duration.ofSeconds(2));
    }

    String token(Role role, String id) {
        return tokens.issue(new JoinGrant(SESSION, ROOM, role, id, id));
    }

    LiveRooms.Participant join(String connection, Role role, String id) {
        return rooms.join(new ConnectionId(connection), null, token(role, id), "j").orElseThrow();
    }

    void say(LiveRooms.Participant who, String connection, ClientMessage m, String correlation) {
        rooms.handle(who, new ConnectionId(connection), new Incoming(correlation, m));
    }

    @Test
    void aPublisherIsAnsweredAndOthersMaySubscribeOnceItsPeerConnectionIsUp() {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        LiveRooms.Participant official = join("c-off", Role.OFFICIAL, "off");
        assertThat(media.created).hasSize(1);

        say(host, "c-host", new ClientMessage.Publish(OFFER), "p1");
        assertThat(connections.to("c-host")).contains(new ServerMessage.Answer("answer-for-" + media.lastPublisher));
        assertThat(connections.to("c-off")).doesNotContain(new ServerMessage.ParticipantPublishing("host", true));

        media.emit(new MediaEvent.WebRtcUp(media.created.get(0).id(), new EndpointId(media.lastPublisher)));
        assertThat(connections.to("c-off")).contains(new ServerMessage.ParticipantPublishing("host", true));

        say(official, "c-off", new ClientMessage.Subscribe(List.of("host")), "s1");
        ServerMessage.Offer offer = (ServerMessage.Offer) connections.to("c-off").stream()
                .filter(m -> m instanceof ServerMessage.Offer).findFirst().orElseThrow();
        assertThat(offer.streams()).containsExactly(new OfferedStream("0", "host", MediaKind.AUDIO),
                new OfferedStream("1", "host", MediaKind.VIDEO));
        say(official, "c-off", new ClientMessage.Answer("browser-answer"), "a1");
        assertThat(media.calls).contains("start " + media.lastSubscriber + " browser-answer");

        // server-side mute of the host's video: the mid of the video section of its offer
        say(host, "c-host", new ClientMessage.Mute("off", MediaKind.AUDIO), "m0"); // not publishing: nothing to do
        say(host, "c-host", new ClientMessage.Mute("host", MediaKind.VIDEO), "m1");
        assertThat(media.calls).contains("mute feed-of-" + media.lastPublisher + " mid 1 true");
    }

    @Test
    void withTurnEachJoinedCarriesTheParticipantsOwnCredentialEndingWithItsToken() {
        rooms.stop(Duration.ofSeconds(2));
        TurnCredentials turn = new TurnCredentials(new TurnSettings("0123456789abcdef-turn", List.of(
                "turns:198.18.1.2:443?transport=tcp"), "lianxin.test", Duration.ofHours(1)), clock);
        rooms = new LiveRooms(media, tokens, new RoomSettings(Duration.ofSeconds(1), Duration.ofMinutes(15)), clock,
                connections, (room, session, e) -> events.add(e), turn);
        rooms.start();
        rooms.open(ROOM, SESSION);
        long tokenEnd = clock.instant().plus(tokens.settings().ttl()).getEpochSecond();

        join("c-host", Role.HOST, "host");
        join("c-pet", Role.PETITIONER, "petitioner");

        List<ServerMessage.Joined> hostJoined = joinedOn("c-host");
        List<ServerMessage.Joined> petitionerJoined = joinedOn("c-pet");
        assertThat(hostJoined).hasSize(1);
        assertThat(petitionerJoined).hasSize(1);
        assertThat(hostJoined.get(0).iceServers()).singleElement().satisfies(s -> {
            assertThat(s.urls()).containsExactly("turns:198.18.1.2:443?transport=tcp");
            assertThat(s.username()).isEqualTo(tokenEnd + ":host");
        });
        assertThat(petitionerJoined.get(0).iceServers().get(0).username()).isEqualTo(tokenEnd + ":petitioner");
        assertThat(petitionerJoined.get(0).lobby()).isNotNull(); // the room's own content is unchanged
        assertThat(connections.to("c-host")).contains(new ServerMessage.ParticipantWaiting(
                petitionerJoined.get(0).you()));
    }

    @Test
    void aParticipantInTheRoomGetsFreshCredentialsUpToTheEndOfItsTokensResumeWindow() {
        rooms.stop(Duration.ofSeconds(2));
        TurnCredentials turn = new TurnCredentials(new TurnSettings("0123456789abcdef-turn", List.of(
                "turns:198.18.1.2:443?transport=tcp"), "lianxin.test", Duration.ofHours(1)), clock);
        rooms = new LiveRooms(media, tokens, new RoomSettings(Duration.ofSeconds(1), Duration.ofMinutes(15)), clock,
                connections, (room, session, e) -> events.add(e), turn);
        rooms.start();
        rooms.open(ROOM, SESSION);
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");

        // past the token's expiry (a long reception): the renewal lives the TTL, within the resume window
        clock.advance(tokens.settings().ttl().plusSeconds(60));
        say(host, "c-host", new ClientMessage.RenewIceServers(), "r1");

        ServerMessage.IceServersRenewed renewed = connections.to("c-host").stream()
                .filter(m -> m instanceof ServerMessage.IceServersRenewed).map(m -> (ServerMessage.IceServersRenewed) m)
                .findFirst().orElseThrow();
        assertThat(renewed.iceServers()).singleElement().satisfies(s -> assertThat(s.username())
                .isEqualTo(clock.instant().plus(Duration.ofHours(1)).getEpochSecond() + ":host"));
    }

    @Test
    void withoutTurnARenewalHandsOutNothing() {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");

        say(host, "c-host", new ClientMessage.RenewIceServers(), "r1");

        assertThat(connections.to("c-host")).contains(new ServerMessage.IceServersRenewed(List.of()));
    }

    @Test
    void withoutTurnJoinedHandsOutNoIceServers() {
        join("c-host", Role.HOST, "host");

        assertThat(joinedOn("c-host")).singleElement().satisfies(j -> assertThat(j.iceServers()).isEmpty());
    }

    @Test
    void aFailedMediaPathIsToldToTheStaffOnceAndItsRecoveryToo() {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        LiveRooms.Participant petitioner = join("c-pet", Role.PETITIONER, "petitioner");
        join("c-obs", Role.OBSERVER, "obs");
        ServerMessage.ParticipantMediaPath lost = new ServerMessage.ParticipantMediaPath("petitioner", false,
                MediaRoute.RELAY);

        // from the lobby: nothing (no media flows there)
        say(petitioner, "c-pet", new ClientMessage.MediaPath(false, MediaRoute.RELAY), "m0");
        assertThat(connections.to("c-host")).doesNotContain(lost);

        say(host, "c-host", new ClientMessage.Admit("petitioner"), "a1");
        say(petitioner, "c-pet", new ClientMessage.MediaPath(false, MediaRoute.RELAY), "m1");
        say(petitioner, "c-pet", new ClientMessage.MediaPath(false, MediaRoute.RELAY), "m2"); // no change: no news
        assertThat(connections.to("c-host")).containsOnlyOnce(lost);
        assertThat(connections.to("c-pet")).doesNotContain(lost);
        assertThat(connections.to("c-obs")).doesNotContain(lost);

        // an official joining meanwhile hears of it at once
        join("c-off", Role.OFFICIAL, "off");
        assertThat(connections.to("c-off")).contains(lost);

        say(petitioner, "c-pet", new ClientMessage.MediaPath(true, MediaRoute.RELAY), "m3");
        ServerMessage.ParticipantMediaPath back = new ServerMessage.ParticipantMediaPath("petitioner", true,
                MediaRoute.RELAY);
        assertThat(connections.to("c-host")).containsOnlyOnce(back);
        assertThat(connections.to("c-off")).containsOnlyOnce(back);
    }

    List<ServerMessage.Joined> joinedOn(String connection) {
        return connections.to(connection).stream().filter(m -> m instanceof ServerMessage.Joined)
                .map(m -> (ServerMessage.Joined) m).toList();
    }

    @Test
    void theLobbyAdmissionAndTheEndReachTheListenerAndTheMediaRoomIsDestroyed() {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        LiveRooms.Participant petitioner = join("c-pet", Role.PETITIONER, "petitioner");
        say(petitioner, "c-pet", new ClientMessage.Subscribe(List.of("host")), "s1");
        assertThat(connections.to("c-pet")).filteredOn(m -> m instanceof ServerMessage.Failure)
                .extracting(m -> ((ServerMessage.Failure) m).code(), m -> ((ServerMessage.Failure) m).correlation())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.ROOM_IN_LOBBY, "s1"));
        assertThat(media.calls).noneMatch(c -> c.startsWith("join"));

        say(host, "c-host", new ClientMessage.Admit("petitioner"), "a1");
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof RoomEvent.ParticipantAdmitted a && a.role() == Role.PETITIONER));

        say(host, "c-host", new ClientMessage.End(), "e1");
        assertThat(connections.closed).contains("c-host", "c-pet");
        assertThat(media.calls).contains("destroy " + media.created.get(0).id() + " " + media.created.get(0).secret());
        assertThat(rooms.size()).isZero();
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof RoomEvent.SessionEnded));
    }

    @Test
    void joinsAreRoutedByTheTokensRoomAndRefusedWithTheirOwnCodes() {
        String other = tokens.issue(new JoinGrant(SessionRef.reception("8"), "booking-8", Role.HOST, "h", "h"));
        assertThat(rooms.join(new ConnectionId("x1"), null, other, "c1")).isEmpty();
        assertThat(connections.to("x1")).containsExactly(new ServerMessage.Failure(ErrorCode.ROOM_NOT_FOUND,
                ErrorCode.ROOM_NOT_FOUND.defaultMessage(), "c1"));

        assertThat(rooms.join(new ConnectionId("x2"), ROOM, other, "c2")).isEmpty();
        assertThat(connections.to("x2")).extracting(m -> ((ServerMessage.Failure) m).code())
                .containsExactly(ErrorCode.TOKEN_WRONG_ROOM);

        String good = token(Role.HOST, "host");
        String forged = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(rooms.join(new ConnectionId("x3"), null, forged, "c3")).isEmpty();
        assertThat(connections.to("x3")).extracting(m -> ((ServerMessage.Failure) m).code())
                .containsExactly(ErrorCode.TOKEN_BAD_SIGNATURE);

        assertThat(rooms.join(new ConnectionId("x4"), null, "garbage", "c4")).isEmpty();
        assertThat(connections.to("x4")).extracting(m -> ((ServerMessage.Failure) m).code())
                .containsExactly(ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void aFailedMediaOperationIsA4xxErrorToWhoAskedForIt() {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        media.failPublish = true;
        say(host, "c-host", new ClientMessage.Publish(OFFER), "p9");
        ServerMessage.Failure f = (ServerMessage.Failure) connections.to("c-host").stream()
                .filter(m -> m instanceof ServerMessage.Failure).findFirst().orElseThrow();
        assertThat(f.code()).isEqualTo(ErrorCode.MEDIA_PUBLISH_FAILED);
        assertThat(f.correlation()).isEqualTo("p9");
        assertThat(f.message()).contains("MEDIA_INVALID_SDP").contains("470");
    }

    @Test
    void aLostParticipantIsDroppedByTheTimerWhenItsGraceRunsOut() {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        LiveRooms.Participant official = join("c-off", Role.OFFICIAL, "off");
        rooms.connectionLost(official, new ConnectionId("c-off"));
        assertThat(connections.to("c-host")).contains(new ServerMessage.ParticipantConnection("off", false));
        clock.advance(Duration.ofSeconds(2));
        await().atMost(5, TimeUnit.SECONDS).until(() -> connections.to("c-host")
                .contains(new ServerMessage.ParticipantLeft("off", ServerMessage.LeaveReason.TIMED_OUT)));
        assertThat(host.participantId()).isEqualTo("host");
    }

    // ------------------------------------------------------------------------------------------------ recording

    static final String AUDIO_ONLY = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a1\r\n";

    /** Joins and publishes, and reports the publisher's peer connection up; returns the publisher endpoint id. */
    long publishing(LiveRooms.Participant who, String connection, String offer) {
        say(who, connection, new ClientMessage.Publish(offer), "p-" + who.participantId());
        long endpoint = media.lastPublisher;
        media.emit(new MediaEvent.WebRtcUp(media.created.get(0).id(), new EndpointId(endpoint)));
        return endpoint;
    }

    static MediaException failureOf(CompletableFuture<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return MediaException.in(e).orElseThrow(() -> new AssertionError("not a MediaException", e));
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void forwardSendsTheFeedsAudioAndVideoMidsWithTheRecordersPayloadTypesAndAsksForAKeyframe() throws Exception {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        long endpoint = publishing(host, "c-host", OFFER);

        List<Forwarder> list = rooms.forward(ROOM, "host", recorder("198.18.0.1", 5002, 5004)).get(5, TimeUnit.SECONDS);

        assertThat(list).extracting(Forwarder::mid, Forwarder::port).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0", 5002), org.assertj.core.groups.Tuple.tuple("1", 5004));
        ForwardRequest request = media.forwards.get(0);
        assertThat(request.room()).isEqualTo(media.created.get(0).id());
        assertThat(request.secret()).isEqualTo(media.created.get(0).secret());
        assertThat(request.feed()).isEqualTo(new FeedId(endpoint + 1000));
        assertThat(request.streams()).containsExactly(new ForwardRequest.Stream("0", 5002, 111, 0),
                new ForwardRequest.Stream("1", 5004, 96, 0));
        assertThat(media.calls).contains("keyframe " + new EndpointId(endpoint));

        clock.advance(KeyframeGate.BROWSER_WINDOW); // one request per window reaches the browser (KeyframeGate)
        rooms.requestKeyframe(ROOM, "host").get(5, TimeUnit.SECONDS);
        assertThat(media.calls.stream().filter(c -> c.startsWith("keyframe"))).hasSize(2);

        // forwarding again replaces the forwarders
        rooms.forward(ROOM, "host", recorder("198.18.0.1", 6002, 6004)).get(5, TimeUnit.SECONDS);
        assertThat(media.calls).contains("stop forward " + list.get(0).streamId(), "stop forward " + list.get(1).streamId());

        rooms.stopForward(ROOM, "host").get(5, TimeUnit.SECONDS);
        assertThat(media.calls.stream().filter(c -> c.startsWith("stop forward"))).hasSize(4);
        rooms.stopForward(ROOM, "host").get(5, TimeUnit.SECONDS);
        assertThat(media.calls.stream().filter(c -> c.startsWith("stop forward"))).as("nothing left to stop").hasSize(4);
    }

    @Test
    void forwardCarriesWhateverPayloadTypesTheRecorderAsksForAndRefusesUnusableOnes() throws Exception {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        publishing(host, "c-host", OFFER);

        rooms.forward(ROOM, "host", new ForwardTarget("198.18.0.1", 5002, 120, 5004, 100)).get(5, TimeUnit.SECONDS);
        assertThat(media.forwards.get(0).streams()).containsExactly(new ForwardRequest.Stream("0", 5002, 120, 0),
                new ForwardRequest.Stream("1", 5004, 100, 0));

        for (ForwardTarget bad : List.of(new ForwardTarget("198.18.0.1", 5002, 95, 5004, 96),
                new ForwardTarget("198.18.0.1", 5002, 111, 5004, 128),
                new ForwardTarget("198.18.0.1", 5002, 111, 5004, 111),
                new ForwardTarget("198.18.0.1", 5002, 111, 70000, 96),
                new ForwardTarget(null, 5002, 111, 5004, 96))) {
            assertThat(failureOf(rooms.forward(ROOM, "host", bad)).code()).as("%s", bad)
                    .isEqualTo(MediaException.Code.MEDIA_INVALID_REQUEST);
        }
        assertThat(media.forwards).hasSize(1);
    }

    @Test
    void anAudioOnlyPublisherIsForwardedAudioOnly() throws Exception {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        publishing(host, "c-host", AUDIO_ONLY);

        rooms.forward(ROOM, "host", recorder("198.18.0.1", 5002, 5004)).get(5, TimeUnit.SECONDS);

        assertThat(media.forwards.get(0).streams()).containsExactly(new ForwardRequest.Stream("a1", 5002, 111, 0));
        assertThat(media.calls).noneMatch(c -> c.startsWith("keyframe"));
    }

    @Test
    void forwardAndKeyframeAreRefusedForWhoDoesNotPublishAndForRoomsNotOpen() {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        join("c-off", Role.OFFICIAL, "off");
        // answered but the peer connection is not up yet: not publishing
        say(host, "c-host", new ClientMessage.Publish(OFFER), "p1");

        assertThat(failureOf(rooms.forward(ROOM, "host", recorder("198.18.0.1", 5002, 5004))).code())
                .isEqualTo(MediaException.Code.MEDIA_NOT_PUBLISHED);
        assertThat(failureOf(rooms.forward(ROOM, "off", recorder("198.18.0.1", 5002, 5004))).code())
                .isEqualTo(MediaException.Code.MEDIA_NOT_PUBLISHED);
        assertThat(failureOf(rooms.forward(ROOM, "nobody", recorder("198.18.0.1", 5002, 5004))).code())
                .isEqualTo(MediaException.Code.MEDIA_NOT_PUBLISHED);
        assertThat(failureOf(rooms.requestKeyframe(ROOM, "off")).code()).isEqualTo(MediaException.Code.MEDIA_NOT_PUBLISHED);
        assertThat(failureOf(rooms.forward("booking-999", "host", recorder("198.18.0.1", 5002, 5004))).code())
                .isEqualTo(MediaException.Code.MEDIA_NO_SUCH_ROOM);
        assertThat(failureOf(rooms.requestKeyframe("booking-999", "host")).code())
                .isEqualTo(MediaException.Code.MEDIA_NO_SUCH_ROOM);
        assertThat(failureOf(rooms.forward(ROOM, "host", recorder("198.18.0.1", 0, 5004))).code())
                .isEqualTo(MediaException.Code.MEDIA_INVALID_REQUEST);
        assertThat(failureOf(rooms.forward(ROOM, "host", recorder(" ", 5002, 5004))).code())
                .isEqualTo(MediaException.Code.MEDIA_INVALID_REQUEST);
        assertThat(media.forwards).isEmpty();
        assertThat(rooms.session(ROOM)).contains(SESSION);
        assertThat(rooms.session("booking-999")).isEmpty();
    }

    @Test
    void forwardersAreStoppedWhenTheParticipantPublishesAgainLeavesOrTheRoomEnds() throws Exception {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        LiveRooms.Participant official = join("c-off", Role.OFFICIAL, "off");
        publishing(host, "c-host", OFFER);
        publishing(official, "c-off", OFFER);
        List<Forwarder> first = rooms.forward(ROOM, "host", recorder("198.18.0.1", 5002, 5004)).get(5, TimeUnit.SECONDS);
        List<Forwarder> off = rooms.forward(ROOM, "off", recorder("198.18.0.1", 5006, 5008)).get(5, TimeUnit.SECONDS);

        // a re-publish (e.g. after an ICE failure): the old feed's forwarders are stopped before it leaves
        say(host, "c-host", new ClientMessage.Publish(OFFER), "p2");
        int stop = media.calls.indexOf("stop forward " + first.get(0).streamId());
        assertThat(stop).isNotNegative();
        assertThat(media.calls.indexOf("leave " + new EndpointId(first.get(0).feed().value() - 1000))).isGreaterThan(stop);
        assertThat(failureOf(rooms.requestKeyframe(ROOM, "host")).code()).as("the new feed is not up yet")
                .isEqualTo(MediaException.Code.MEDIA_NOT_PUBLISHED);

        say(official, "c-off", new ClientMessage.Leave(), "l1");
        assertThat(media.calls).contains("stop forward " + off.get(0).streamId(), "stop forward " + off.get(1).streamId());

        publishing(host, "c-host", OFFER);
        List<Forwarder> second = rooms.forward(ROOM, "host", recorder("198.18.0.1", 5002, 5004)).get(5, TimeUnit.SECONDS);
        rooms.end(ROOM, ServerMessage.EndReason.HOST);
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        int lastStop = media.calls.indexOf("stop forward " + second.get(1).streamId());
        assertThat(lastStop).isNotNegative();
        assertThat(media.calls.indexOf("destroy " + media.created.get(0).id() + " " + media.created.get(0).secret()))
                .isGreaterThan(lastStop);
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof RoomEvent.SessionEnded));
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.PublishingStopped)
                .extracting(e -> ((RoomEvent.PublishingStopped) e).participantId())
                .containsExactly("host", "off", "host");
    }

    @Test
    void aLostNodeStopsTheFeedsAndItsReturnMakesTheMediaRoomAgainAndTellsEveryoneToPublishAgain() throws Exception {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        LiveRooms.Participant official = join("c-off", Role.OFFICIAL, "off");
        long hostEndpoint = publishing(host, "c-host", OFFER);
        publishing(official, "c-off", OFFER);
        rooms.forward(ROOM, "host", recorder("198.18.0.1", 5002, 5004)).get(5, TimeUnit.SECONDS);
        MediaRoomId mediaRoom = media.created.get(0).id();

        media.emit(new MediaEvent.NodeLost(mediaRoom, List.of(new EndpointId(hostEndpoint)), "WebSocket closed"));
        assertThat(connections.to("c-off")).contains(new ServerMessage.ParticipantPublishing("host", false));
        assertThat(rooms.isOpen(ROOM)).isTrue();
        assertThat(failureOf(rooms.forward(ROOM, "host", recorder("198.18.0.1", 5002, 5004))).code())
                .isEqualTo(MediaException.Code.MEDIA_NOT_PUBLISHED);
        rooms.stopForward(ROOM, "host").get(5, TimeUnit.SECONDS);
        assertThat(media.calls).as("the forwarders went with the node: nothing to stop")
                .noneMatch(c -> c.startsWith("stop forward"));

        // the node is back but refuses twice (still starting): retried
        media.failCreates.set(2);
        media.emit(new MediaEvent.NodeRestored(mediaRoom));
        await().atMost(5, TimeUnit.SECONDS).until(() -> connections.to("c-host").contains(new ServerMessage.MediaRestarted()));
        assertThat(media.calls.stream().filter(c -> c.equals("create failed"))).hasSize(2);
        assertThat(media.created).hasSize(2).allMatch(spec -> spec.id().equals(mediaRoom));
        assertThat(connections.to("c-off")).contains(new ServerMessage.MediaRestarted());

        // they publish again
        publishing(host, "c-host", OFFER);
        publishing(official, "c-off", OFFER);
        rooms.forward(ROOM, "host", recorder("198.18.0.1", 5002, 5004)).get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream().filter(e -> e instanceof RoomEvent.PublishingStarted).count() == 4);
        assertThat(events).filteredOn(e -> !(e instanceof RoomEvent.ParticipantEntered))
                .extracting(e -> e.getClass().getSimpleName() + (e instanceof RoomEvent.PublishingStarted p ? " " + p.participantId()
                        : e instanceof RoomEvent.PublishingStopped p ? " " + p.participantId() : ""))
                .containsExactly("PublishingStarted host", "PublishingStarted off", "PublishingStopped host",
                        "PublishingStopped off", "MediaNodeLost", "MediaNodeRestored", "PublishingStarted host",
                        "PublishingStarted off");
    }

    @Test
    void aNodeThatDoesNotComeBackInTimeIsReportedToTheParticipants() {
        join("c-host", Role.HOST, "host");
        MediaRoomId mediaRoom = media.created.get(0).id();
        media.emit(new MediaEvent.NodeLost(mediaRoom, List.of(), "gone"));
        media.failCreates.set(1000);
        media.emit(new MediaEvent.NodeRestored(mediaRoom));
        clock.advance(Duration.ofSeconds(2)); // past the grace of these tests (1 s)
        await().atMost(5, TimeUnit.SECONDS).until(() -> connections.to("c-host").stream().anyMatch(m ->
                m instanceof ServerMessage.Failure f && f.code() == ErrorCode.MEDIA_NODE_UNAVAILABLE));
        assertThat(connections.to("c-host")).doesNotContain(new ServerMessage.MediaRestarted());
        assertThat(events).noneMatch(e -> e instanceof RoomEvent.MediaNodeRestored);
    }

    // ------------------------------------------------------------------------------------------------ fakes

    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class Recorded implements Connections {
        final Map<String, List<ServerMessage>> sent = new ConcurrentHashMap<>();
        final List<String> closed = new CopyOnWriteArrayList<>();

        @Override
        public void send(ConnectionId connection, ServerMessage message) {
            sent.computeIfAbsent(connection.value(), k -> new CopyOnWriteArrayList<>()).add(message);
        }

        @Override
        public void close(ConnectionId connection, ErrorCode reason) {
            closed.add(connection.value());
        }

        List<ServerMessage> to(String connection) {
            return sent.getOrDefault(connection, List.of());
        }
    }

    /** Completes every operation at once; records what was asked. */
    static final class MemoryMedia implements MediaEngine {
        final List<RoomSpec> created = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<MediaRoomId, MediaListener> listeners = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong(100);
        volatile long lastPublisher;
        volatile long lastSubscriber;
        volatile boolean failPublish;
        final java.util.concurrent.atomic.AtomicInteger failCreates = new java.util.concurrent.atomic.AtomicInteger();
        final List<ForwardRequest> forwards = new CopyOnWriteArrayList<>();

        void emit(MediaEvent e) {
            listeners.get(e.room()).onEvent(e);
        }

        @Override
        public CompletableFuture<Void> createRoom(RoomSpec spec) {
            if (failCreates.getAndDecrement() > 0) {
                calls.add("create failed");
                return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_NODE_UNREACHABLE, "down"));
            }
            created.add(spec);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> destroyRoom(MediaRoomId room, String secret) {
            calls.add("destroy " + room + " " + secret);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<Participant>> listParticipants(MediaRoomId room) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Publisher> joinAsPublisher(MediaRoomId room, String display) {
            long id = ids.incrementAndGet();
            lastPublisher = id;
            calls.add("join " + display);
            return CompletableFuture.completedFuture(new Publisher(room, new EndpointId(id), new FeedId(id + 1000), List.of()));
        }

        @Override
        public CompletableFuture<Sdp> publish(EndpointId publisher, Sdp offer) {
            if (failPublish) {
                return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_SDP, "bad sdp"));
            }
            return CompletableFuture.completedFuture(Sdp.answer("answer-for-" + publisher.value()));
        }

        @Override
        public CompletableFuture<Void> requestKeyframe(EndpointId publisher) {
            calls.add("keyframe " + publisher);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Subscription> subscribe(MediaRoomId room, List<FeedId> feeds) {
            long id = ids.incrementAndGet();
            lastSubscriber = id;
            return CompletableFuture.completedFuture(new Subscription(room, new EndpointId(id), feeds, Sdp.offer(OFFER)));
        }

        @Override
        public CompletableFuture<Void> startSubscription(EndpointId subscriber, Sdp answer) {
            calls.add("start " + subscriber + " " + answer.sdp());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> setReceiveQuality(EndpointId subscriber, ReceiveQuality quality) {
            calls.add("receive " + subscriber + " " + quality);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> trickle(EndpointId endpoint, IceCandidate candidate) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> leave(EndpointId endpoint) {
            calls.add("leave " + endpoint);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> setMuted(MediaRoomId room, String secret, FeedId feed, String mid, boolean muted) {
            calls.add("mute feed-of-" + (feed.value() - 1000) + " mid " + mid + " " + muted);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> kick(MediaRoomId room, String secret, FeedId feed) {
            calls.add("kick " + feed);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<Forwarder>> rtpForward(ForwardRequest request) {
            forwards.add(request);
            List<Forwarder> list = new ArrayList<>();
            for (ForwardRequest.Stream st : request.streams()) {
                long id = ids.incrementAndGet();
                calls.add("forward " + request.feed() + " mid " + st.mid() + " pt " + st.payloadType() + " to "
                        + request.host() + ":" + st.port() + " as " + id);
                list.add(new Forwarder(request.room(), request.feed(), id, st.mid(), request.host(), st.port()));
            }
            return CompletableFuture.completedFuture(list);
        }

        @Override
        public CompletableFuture<Void> stopRtpForward(MediaRoomId room, String secret, FeedId feed, long streamId) {
            calls.add("stop forward " + streamId);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<StreamStats>> streamStats(EndpointId endpoint) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public MediaHealth health() {
            return new MediaHealth("memory", true, Instant.EPOCH, "ok");
        }

        @Override
        public Registration addListener(MediaRoomId room, MediaListener listener) {
            listeners.put(room, listener);
            return () -> listeners.remove(room);
        }

        @Override
        public void close() {
        }
    }

    /** The recorder's side of a forward: Opus on payload type 111, VP8 on 96 (what the tests' receivers expect). */
    private static ForwardTarget recorder(String host, int audioPort, int videoPort) {
        return new ForwardTarget(host, audioPort, 111, videoPort, 96);
    }
}
