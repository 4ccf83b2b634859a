package org.lianxin.web.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingEvent;
import org.lianxin.scheduler.BookingState;

class BookingHistoryEntriesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant AT = Instant.parse("2026-11-30T02:00:00Z");
    private static final Booking BOOKING = new Booking(7, "ABCD1234", 3, "JJ-2026-001", 39, "韩平", 5, "二号接访室", 2,
            Instant.parse("2026-12-01T02:00:00Z"), Instant.parse("2026-12-01T02:30:00Z"), BookingState.COMPLETED, null,
            4, "耐心细致", List.of(), 3);

    private static BookingHistoryEntries.Entry entry(String kind, String actor, String detail) {
        return BookingHistoryEntries.of(BOOKING, List.of(new BookingEvent(AT, kind, actor, detail)),
                Map.of("jinjiang.scheduler", new BookingHistoryEntries.User("锦江区信访局接访员", null),
                        "cd.housing", new BookingHistoryEntries.User("成都市住建局信访办", "李芳"))::get, SHANGHAI).get(0);
    }

    @Test
    void aBookingNamesItsOfficialTerminalAndTimeAndWhoBookedIt() {
        BookingHistoryEntries.Entry e = entry("BOOKED", "jinjiang.scheduler", "韩平 at 一号接访室, 2026-12-01 09:00–09:30");
        assertThat(e.actorName()).isEqualTo("锦江区信访局接访员");
        assertThat(e.official()).isEqualTo("韩平");
        assertThat(e.terminal()).isEqualTo("一号接访室");
        assertThat(e.start()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
        assertThat(e.end()).isEqualTo(Instant.parse("2026-12-01T01:30:00Z"));
        assertThat(e.note()).isNull();
        assertThat(e.detail()).as("as recorded").contains(" at ");
    }

    @Test
    void aMoveHasBothTimesAndTerminalsEvenOverMidnight() {
        BookingHistoryEntries.Entry e = entry("RESCHEDULED", "jinjiang.scheduler",
                "from 2026-12-01 09:00–09:30 at 一号接访室 to 2026-12-01 23:50–2026-12-02 00:20 at 二号接访室");
        assertThat(e.fromStart()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
        assertThat(e.fromTerminal()).isEqualTo("一号接访室");
        assertThat(e.start()).isEqualTo(Instant.parse("2026-12-01T15:50:00Z"));
        assertThat(e.end()).isEqualTo(Instant.parse("2026-12-01T16:20:00Z"));
        assertThat(e.terminal()).isEqualTo("二号接访室");
        assertThat(e.note()).isNull();
    }

    @Test
    void theSystemTheRatingAndReasons() {
        BookingHistoryEntries.Entry live = entry("IN_SESSION", "system:live-room", null);
        assertThat(live.bySystem()).isTrue();
        assertThat(live.actorName()).isNull();
        BookingHistoryEntries.Entry rated = entry("EVALUATED", "jinjiang.scheduler", "score 4");
        assertThat(rated.score()).isEqualTo(4);
        assertThat(rated.comment()).isEqualTo("耐心细致");
        assertThat(rated.note()).isNull();
        assertThat(entry("INVITED", "jinjiang.scheduler", "李芳").official()).isEqualTo("李芳");
        assertThat(entry("ACCEPTED", "cd.housing", "李芳").byOfficial()).as("she answered herself").isTrue();
        assertThat(entry("DECLINED", "jinjiang.scheduler", "李芳").byOfficial()).as("staff answered for her").isFalse();
        assertThat(entry("CANCELLED", "jinjiang.scheduler", "信访人要求改为书面答复").note()).isEqualTo("信访人要求改为书面答复");
        BookingHistoryEntries.Entry cut = entry("INTERRUPTED", "system", "the session was cut off (the server stopped "
                + "or crashed) and nobody continued it");
        assertThat(cut.reason()).isEqualTo("CUT_OFF");
        assertThat(cut.note()).isNull();
        assertThat(entry("BOOKED", "someone", "an older form").note()).isEqualTo("an older form");
        assertThat(entry("IDENTITY_MISMATCH", "someone", null).actorName()).as("an unknown user").isNull();
    }
}
