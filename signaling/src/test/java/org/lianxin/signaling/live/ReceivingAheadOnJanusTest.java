package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.OfferedStream;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.signaling.token.Role;

/**
 * The receiving connection made ahead, through LiveRooms on the real Janus adapter against {@link FakeJanus}: a
 * {@code prepareReceive} makes a subscriber handle on the participant's own feed that is told to send nothing, and
 * its offer (no streams) goes to the browser; once answered, a subscription is an {@code update} on that very
 * handle (no new attach), whose offer goes out as {@code offerUpdate} with whose medium is on which mid; once that
 * is answered the added publisher is asked for a keyframe.
 */
class ReceivingAheadOnJanusTest {

    JanusRoomFixture f;
    LiveRooms.Participant host;
    LiveRooms.Participant official;

    @BeforeEach
    void start() throws Exception {
        f = new JanusRoomFixture(Instant.parse("2026-12-02T02:00:00Z"));
        host = f.join(Role.HOST, "host");
        official = f.join(Role.OFFICIAL, "off");
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void aPreparedConnectionTakesTheSubscriptionAsAnUpdateOnTheSameHandleAndTheAddedPublisherSendsAKeyframe()
            throws Exception {
        f.publish(host);
        f.publish(official);
        long attaches = f.count("attach");

        f.send(official, "r", new ClientMessage.PrepareReceive());

        assertThat(f.to("c-off", ServerMessage.Offer.class)).singleElement()
                .satisfies(o -> assertThat(o.streams()).as("it carries nobody's media").isEmpty());
        assertThat(f.count("attach")).as("one subscriber handle").isEqualTo(attaches + 1);
        assertThat(f.count("message/configure")).as("told to send nothing of the own feed").isGreaterThanOrEqualTo(3);
        f.send(official, "a", new ClientMessage.Answer("v=0 answer"));
        long starts = f.count("message/start");

        f.send(official, "s", new ClientMessage.Subscribe(List.of("host")));

        assertThat(f.count("message/update")).isEqualTo(1);
        assertThat(f.count("attach")).as("no new subscriber handle").isEqualTo(attaches + 1);
        assertThat(f.to("c-off", ServerMessage.Offer.class)).as("no offer for a new connection").hasSize(1);
        assertThat(f.to("c-off", ServerMessage.OfferUpdate.class)).singleElement().satisfies(u -> {
            assertThat(u.sdp()).contains("fake updated offer");
            assertThat(u.streams()).containsExactly(new OfferedStream("1", "host", MediaKind.AUDIO),
                    new OfferedStream("2", "host", MediaKind.VIDEO));
        });
        int keyframes = f.fake.keyframeRequests().size();
        f.send(official, "a2", new ClientMessage.Answer("v=0 answer to the update"));
        assertThat(f.count("message/start")).isEqualTo(starts + 1);
        await().atMost(5, TimeUnit.SECONDS).until(() -> f.fake.keyframeRequests().size() > keyframes);
        assertThat(f.fake.keyframeRequests().subList(keyframes, f.fake.keyframeRequests().size())).containsOnly("host");
    }

    @Test
    void aSubscriptionBeforeThePreparedOfferIsAnsweredWaitsForTheAnswerThenUpdatesTheSameConnection()
            throws Exception {
        f.publish(host);
        f.publish(official);
        f.send(official, "r", new ClientMessage.PrepareReceive());
        long attaches = f.count("attach");

        f.send(official, "s", new ClientMessage.Subscribe(List.of("host")));

        assertThat(f.count("message/update")).as("not before the answer").isZero();
        assertThat(f.to("c-off", ServerMessage.Offer.class)).as("no offer for a new connection").hasSize(1);
        assertThat(f.to("c-off", ServerMessage.OfferUpdate.class)).isEmpty();

        f.send(official, "a", new ClientMessage.Answer("v=0 answer"));

        await().atMost(5, TimeUnit.SECONDS).until(() -> f.to("c-off", ServerMessage.OfferUpdate.class).size() == 1);
        assertThat(f.count("message/update")).isEqualTo(1);
        assertThat(f.count("attach")).as("no new subscriber handle").isEqualTo(attaches);
        assertThat(f.to("c-off", ServerMessage.Offer.class)).hasSize(1);
    }

    @Test
    void aPageThatNeverMadeItsConnectionAheadGetsANewConnectionForEachSubscriptionAsBefore() throws Exception {
        f.publish(host);
        f.send(official, "s1", new ClientMessage.Subscribe(List.of("host")));
        f.send(official, "a1", new ClientMessage.Answer("v=0 answer"));

        f.send(official, "s2", new ClientMessage.Subscribe(List.of("host")));

        assertThat(f.count("message/update")).isZero();
        assertThat(f.to("c-off", ServerMessage.Offer.class)).hasSize(2);
        assertThat(f.to("c-off", ServerMessage.OfferUpdate.class)).isEmpty();
    }

    @Test
    void withoutAFeedOfItsOwnThereIsNoReceivingConnectionAheadButANumberedError() throws Exception {
        f.send(official, "r", new ClientMessage.PrepareReceive());

        await().atMost(5, TimeUnit.SECONDS).until(() -> f.to("c-off", ServerMessage.Failure.class).stream()
                .anyMatch(x -> x.code() == ErrorCode.MEDIA_PREPARE_RECEIVE_FAILED && "r".equals(x.correlation())));
        assertThat(f.to("c-off", ServerMessage.Offer.class)).isEmpty();
    }
}
