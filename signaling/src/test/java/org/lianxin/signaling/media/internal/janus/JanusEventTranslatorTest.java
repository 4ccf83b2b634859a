package org.lianxin.signaling.media.internal.janus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.MediaEngine.Registration;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.internal.janus.JanusEndpoints.Endpoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Janus's events and the session's ups and downs as {@link MediaEvent}s ({@link JanusEventTranslator}
 * over {@link JanusEndpoints}), without a socket: the "event thread" runs each task at once.
 */
class JanusEventTranslatorTest {

    private static final MediaRoomId ROOM = new MediaRoomId(4242);
    private static final MediaRoomId OTHER = new MediaRoomId(7);

    private final JsonMapper json = JsonMapper.builder().build();
    private final JanusEndpoints endpoints = new JanusEndpoints();
    private final List<Runnable> queued = new ArrayList<>();
    private final JanusEventTranslator translator = new JanusEventTranslator(endpoints, queued::add);

    private List<MediaEvent> heard(MediaRoomId room) {
        List<MediaEvent> events = new ArrayList<>();
        translator.addListener(room, events::add);
        return events;
    }

    private void janus(String message) {
        translator.onMessage(json.readTree(message));
    }

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    private static String videoroomEvent(long sender, String data) {
        return "{\"janus\":\"event\",\"session_id\":1,\"sender\":" + sender + ",\"plugindata\":{\"plugin\":"
                + "\"janus.plugin.videoroom\",\"data\":" + data + "}}";
    }

    @Test
    void aLostSessionTellsEveryRoomWeKnewWhichEndpointsItLostAndForgetsThem() {
        endpoints.roomCreated(ROOM);
        Endpoint publisher = endpoints.addPublisher(11, ROOM, new FeedId(1));
        Endpoint subscriber = endpoints.addSubscriber(12, ROOM);
        MediaRoomId listenedOnly = new MediaRoomId(99);
        List<MediaEvent> mine = heard(ROOM);
        List<MediaEvent> waiting = heard(listenedOnly);

        translator.sessionLost("WebSocket closed");

        assertThat(mine).singleElement().isInstanceOfSatisfying(MediaEvent.NodeLost.class, lost -> {
            assertThat(lost.room()).isEqualTo(ROOM);
            assertThat(lost.lostEndpoints()).containsExactlyInAnyOrder(publisher.id(), subscriber.id());
            assertThat(lost.reason()).isEqualTo("WebSocket closed");
        });
        // a room with a listener hears it too, though nothing of it was on the node
        assertThat(waiting).containsExactly(new MediaEvent.NodeLost(listenedOnly, List.of(), "WebSocket closed"));
        assertThat(endpoints.has(publisher.id())).isFalse();
        assertThat(endpoints.sessionLost(List.of())).isEmpty();
    }

    @Test
    void onlyASessionAfterALostOneRestoresTheRooms() {
        List<MediaEvent> mine = heard(ROOM);

        translator.sessionUp();
        assertThat(mine).isEmpty();

        translator.sessionLost("gone");
        translator.sessionUp();
        assertThat(mine).containsExactly(new MediaEvent.NodeLost(ROOM, List.of(), "gone"),
                new MediaEvent.NodeRestored(ROOM));
    }

    @Test
    void aPublisherIsReportedJoinedAndLeftOnceHoweverManyHandlesHearOfIt() {
        Endpoint publisher = endpoints.addPublisher(11, ROOM, new FeedId(1));
        endpoints.addSubscriber(12, ROOM);
        List<MediaEvent> mine = heard(ROOM);

        translator.published(publisher);
        runQueued();
        janus(videoroomEvent(12, "{\"videoroom\":\"event\",\"room\":4242,\"publishers\":[{\"id\":1,\"display\":\"a\"}]}"));
        janus(videoroomEvent(11, "{\"videoroom\":\"event\",\"room\":4242,\"unpublished\":1}"));
        janus(videoroomEvent(12, "{\"videoroom\":\"event\",\"room\":4242,\"leaving\":1}"));

        assertThat(mine).containsExactly(new MediaEvent.PublisherJoined(ROOM, new FeedId(1), ""),
                new MediaEvent.PublisherLeft(ROOM, new FeedId(1)));
    }

    @Test
    void eventsCausedByOurRequestsWaitForTheEventThread() {
        Endpoint publisher = endpoints.addPublisher(11, ROOM, new FeedId(1));
        List<MediaEvent> mine = heard(ROOM);

        translator.published(publisher);
        translator.kicked(ROOM, new FeedId(1));
        translator.kicked(ROOM, new FeedId(1));

        assertThat(mine).isEmpty();
        runQueued();
        assertThat(mine).containsExactly(new MediaEvent.PublisherJoined(ROOM, new FeedId(1), ""),
                new MediaEvent.PublisherLeft(ROOM, new FeedId(1)));
    }

    @Test
    void aDetachedPublisherHandleTakesItsFeedWithItAndADetachedSubscriberNothing() {
        Endpoint publisher = endpoints.addPublisher(11, ROOM, new FeedId(1));
        Endpoint subscriber = endpoints.addSubscriber(12, ROOM);
        endpoints.feedPublishing(ROOM, new FeedId(1));
        List<MediaEvent> mine = heard(ROOM);

        janus("{\"janus\":\"detached\",\"session_id\":1,\"sender\":12}");
        janus("{\"janus\":\"detached\",\"session_id\":1,\"sender\":11}");
        runQueued();

        assertThat(mine).containsExactly(new MediaEvent.PublisherLeft(ROOM, new FeedId(1)));
        assertThat(endpoints.has(publisher.id())).isFalse();
        assertThat(endpoints.has(subscriber.id())).isFalse();
    }

    @Test
    void handleEventsGoToTheHandlesRoomAndThoseOfUnknownHandlesNowhere() {
        endpoints.addSubscriber(12, ROOM);
        List<MediaEvent> mine = heard(ROOM);
        List<MediaEvent> theirs = heard(OTHER);

        janus("{\"janus\":\"webrtcup\",\"session_id\":1,\"sender\":12}");
        janus("{\"janus\":\"media\",\"session_id\":1,\"sender\":12,\"mid\":\"0\",\"type\":\"audio\",\"receiving\":false}");
        janus("{\"janus\":\"hangup\",\"session_id\":1,\"sender\":12,\"reason\":\"ICE failed\"}");
        janus("{\"janus\":\"webrtcup\",\"session_id\":1,\"sender\":13}");
        janus("{\"janus\":\"slowlink\",\"session_id\":1,\"sender\":12}");
        janus(videoroomEvent(13, "{\"videoroom\":\"event\",\"publishers\":[{\"id\":5}]}"));
        // a videoroom event naming its room reaches that room whoever sent it
        janus(videoroomEvent(13, "{\"videoroom\":\"event\",\"room\":7,\"publishers\":[{\"id\":5,\"display\":\"b\"}]}"));

        EndpointId id = new EndpointId(12);
        assertThat(mine).containsExactly(new MediaEvent.WebRtcUp(ROOM, id),
                new MediaEvent.MediaFlow(ROOM, id, "0", "audio", false),
                new MediaEvent.Hangup(ROOM, id, "ICE failed"));
        assertThat(theirs).containsExactly(new MediaEvent.PublisherJoined(OTHER, new FeedId(5), "b"));
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersAndAClosedRegistrationHearsNothing() {
        endpoints.addSubscriber(12, ROOM);
        translator.addListener(ROOM, e -> {
            throw new IllegalStateException("listener bug");
        });
        List<MediaEvent> mine = heard(ROOM);
        List<MediaEvent> closed = new ArrayList<>();
        Registration registration = translator.addListener(ROOM, closed::add);
        registration.close();

        janus("{\"janus\":\"webrtcup\",\"session_id\":1,\"sender\":12}");

        assertThat(mine).containsExactly(new MediaEvent.WebRtcUp(ROOM, new EndpointId(12)));
        assertThat(closed).isEmpty();
    }
}
