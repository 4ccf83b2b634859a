package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.live.RoomEventListener;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.SessionRef;

class LiveRoomEventsTest {
    private static final RoomEvent ENDED = new RoomEvent.SessionEnded(EndReason.HOST, Instant.EPOCH);

    @Test
    void theFeaturesGetTheResolvedSubjectInOrderThenThePlainListenersAndOneFailureStopsNoOne() {
        List<String> seen = new ArrayList<>();
        LiveRoomListener first = (subject, event) -> seen.add("first " + subject);
        LiveRoomListener failing = (subject, event) -> {
            seen.add("failing");
            throw new IllegalStateException("planted");
        };
        LiveRoomListener third = (subject, event) -> seen.add("third " + subject);
        RoomEventListener plain = (roomId, session, event) -> seen.add("plain " + roomId + " " + session.id());

        new LiveRoomEvents(List.of(first, failing, third), List.of(plain))
                .onRoomEvent("booking-3", SessionRef.reception("3"), ENDED);

        String subject = new RoomSubject.Reception("booking-3", 3).toString();
        assertThat(seen).containsExactly("first " + subject, "failing", "third " + subject, "plain booking-3 3");
    }

    @Test
    void aSessionThatNamesNoBookingOrConsultationReachesOnlyThePlainListeners() {
        List<String> seen = new ArrayList<>();
        new LiveRoomEvents(List.of((subject, event) -> seen.add("feature")),
                List.of((roomId, session, event) -> seen.add("plain")))
                .onRoomEvent("booking-x", SessionRef.reception("x"), ENDED);
        assertThat(seen).containsExactly("plain");
    }
}
