package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.SessionRef;

class LiveRoomEventsTest {
    private static final RoomEvent ENDED = new RoomEvent.SessionEnded(EndReason.HOST, Instant.EPOCH);

    @Test
    void theFeaturesGetTheResolvedSubjectInOrderAndOneFailureStopsNoOne() {
        List<String> seen = new ArrayList<>();
        LiveRoomListener first = (subject, event) -> seen.add("first " + subject);
        LiveRoomListener failing = (subject, event) -> {
            seen.add("failing");
            throw new IllegalStateException("planted");
        };
        LiveRoomListener third = (subject, event) -> seen.add("third " + subject);

        new LiveRoomEvents(List.of(first, failing, third)).onRoomEvent("booking-3", SessionRef.reception("3"), ENDED);

        String subject = new RoomSubject.Reception("booking-3", 3).toString();
        assertThat(seen).containsExactly("first " + subject, "failing", "third " + subject);
    }

    @Test
    void aSessionThatNamesNoBookingOrConsultationReachesNoListener() {
        List<String> seen = new ArrayList<>();
        new LiveRoomEvents(List.of((subject, event) -> seen.add("feature")))
                .onRoomEvent("booking-x", SessionRef.reception("x"), ENDED);
        assertThat(seen).isEmpty();
    }
}
