package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.LoggerFactory;

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

    @Test
    void anUnfollowedRoomWarnsOnceNotOnEachEvent() {
        Logger logger = (Logger) LoggerFactory.getLogger(LiveRoomEvents.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            LiveRoomEvents events = new LiveRoomEvents(List.of());
            for (int i = 0; i < 5; i++) {
                events.onRoomEvent("bench-1", SessionRef.reception("bench-1"), ENDED);
            }
            events.onRoomEvent("bench-2", SessionRef.reception("bench-2"), ENDED);
            assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .hasSize(2)
                    .allMatch(m -> m.contains("not followed"));
        } finally {
            logger.detachAppender(appender);
        }
    }
}
