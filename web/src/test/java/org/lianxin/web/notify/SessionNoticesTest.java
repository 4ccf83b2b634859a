package org.lianxin.web.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.notification.Notice;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.Recipient;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;

class SessionNoticesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Booking BOOKING = new Booking(42, "K7Q2", 5, "SC-2026-000101", 3, "锦江区领导", 9, "一号接访室", 4,
            Instant.parse("2026-12-01T01:30:00Z"), Instant.parse("2026-12-01T02:00:00Z"), BookingState.BOOKED, null, null,
            null, List.of(), 0);

    @Test
    void theHostIsToldTheLocalTimeCaseAndTerminalInChineseThenEnglish() {
        Notice n = SessionNotices.reception(BOOKING, true, "jj.leader", "锦江区", SHANGHAI);
        assertThat(n.kind()).isEqualTo(NoticeKind.SESSION_STARTING);
        assertThat(n.recipient()).isEqualTo(Recipient.user("jj.leader"));
        assertThat(n.subject()).isEqualTo("【连心】视频接访 09:30 开始（案件 SC-2026-000101）/ Video reception at 09:30"
                + " (case SC-2026-000101)");
        assertThat(n.body()).contains("您主持的视频接访将于 2026年12月1日 09:30（Asia/Shanghai）开始。",
                "接访终端：一号接访室（锦江区）", "The video reception you host starts at 09:30 on 1 December 2026"
                        + " (Asia/Shanghai).", "Terminal: 一号接访室 (锦江区)");
        assertThat(n.body().indexOf("您好")).isLessThan(n.body().indexOf("Hello"));
    }

    @Test
    void anInvitedOfficialIsToldItIsAJointReception() {
        Notice n = SessionNotices.reception(BOOKING, false, "zj.official", "锦江区", SHANGHAI);
        assertThat(n.body()).contains("您受邀参加（联合接访）的视频接访", "you are invited to (joint reception)");
    }

    @Test
    void theKeyIsOnePerBookingStartAndPerson() {
        Notice a = SessionNotices.reception(BOOKING, true, "jj.leader", "锦江区", SHANGHAI);
        assertThat(a.dedupeKey()).isEqualTo("session-start:booking:42:" + BOOKING.start().getEpochSecond() + ":jj.leader");
        assertThat(SessionNotices.reception(BOOKING, false, "zj.official", "锦江区", SHANGHAI).dedupeKey())
                .isNotEqualTo(a.dedupeKey());
        Booking moved = new Booking(42, "K7Q2", 5, "SC-2026-000101", 3, "锦江区领导", 9, "一号接访室", 4,
                BOOKING.start().plusSeconds(3600), BOOKING.end().plusSeconds(3600), BookingState.BOOKED, null, null,
                null, List.of(), 1);
        assertThat(SessionNotices.reception(moved, true, "jj.leader", "锦江区", SHANGHAI).dedupeKey())
                .as("rescheduled: told again for the new time").isNotEqualTo(a.dedupeKey());
    }

    @Test
    void aLongSubjectIsClippedToOneLineThatFits() {
        String clipped = SessionNotices.clip("题".repeat(400) + "\n下一行");
        assertThat(clipped).hasSize(Notice.MAX_SUBJECT).endsWith("…").doesNotContain("\n");
    }
}
