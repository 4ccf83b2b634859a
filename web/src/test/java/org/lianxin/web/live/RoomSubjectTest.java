package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lianxin.signaling.token.SessionRef;

class RoomSubjectTest {

    @Test
    void aReceptionsRoomAndSessionReadBackAsTheBookingsReception() {
        RoomSubject.Reception r = RoomSubject.reception(42);
        assertThat(r.roomId()).isEqualTo("booking-42");
        assertThat(r.session()).isEqualTo(SessionRef.reception("42"));
        assertThat(RoomSubject.of(r.roomId(), r.session())).contains(r);
    }

    @Test
    void aConsultationsRoomAndSessionReadBackAsTheConsultation() {
        RoomSubject.Consultation c = RoomSubject.consultation(7);
        assertThat(c.roomId()).isEqualTo("consultation-7");
        assertThat(c.session()).isEqualTo(SessionRef.consultation("7"));
        assertThat(RoomSubject.of(c.roomId(), c.session())).contains(c);
    }

    @Test
    void theRoomIdIsTheOneTheRoomHasAndASessionIdThatIsNoNumberHasNoSubject() {
        assertThat(RoomSubject.of("some-room", SessionRef.reception("5")))
                .contains(new RoomSubject.Reception("some-room", 5));
        assertThat(RoomSubject.of("booking-x", SessionRef.reception("x"))).isEmpty();
        assertThat(RoomSubject.of("consultation-", SessionRef.consultation("12a"))).isEmpty();
    }
}
