package org.lianxin.scheduler.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.Invitation;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OfficialKind;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.TerminalStatus;

/** Values for the pure rules' tests: a small office tree, officials, a terminal, a case; times in Shanghai. */
final class RuleFixtures {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId URUMQI = ZoneId.of("Asia/Urumqi");
    /** A Tuesday. */
    static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);

    static final Office PROVINCE = new Office(1, "510000", "四川省", "Sichuan", OfficeLevel.PROVINCE, null, "/1/", SHANGHAI);
    static final Office CHENGDU = new Office(2, "510100", "成都市", "Chengdu", OfficeLevel.CITY, 1L, "/1/2/", SHANGHAI);
    static final Office JINJIANG = new Office(3, "510104", "锦江区", "Jinjiang", OfficeLevel.COUNTY, 2L, "/1/2/3/",
            SHANGHAI);
    static final Office MIANYANG = new Office(4, "510700", "绵阳市", "Mianyang", OfficeLevel.CITY, 1L, "/1/4/", SHANGHAI);

    static final Official LEADER = official(10, JINJIANG, "锦江区领导", 4);
    static final Official INVITEE = official(11, CHENGDU, "住建局干部", 4);

    static final Terminal ROOM = new Terminal(20, JINJIANG.id(), "一号接访室", "一楼", TerminalStatus.ACTIVE);
    static final CaseFile CASE = new CaseFile(30, "SC-2026-000101", "张三", "5101**********1234", null, "拆迁补偿",
            "HOUSING", JINJIANG.id(), CaseStatus.OPEN, at(TUESDAY.minusDays(10), 9, 0));

    private RuleFixtures() {
    }

    /** 30 min slots, 10 min buffer. */
    static Official official(long id, Office office, String name, int maxPerDay) {
        return new Official(id, office.id(), name, "主任", OfficialKind.LEADER, 30, 10, maxPerDay, true);
    }

    /** {@code day} at {@code hh:mm} in Shanghai. */
    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    static Instant tuesday(int hour, int minute) {
        return at(TUESDAY, hour, minute);
    }

    /** The leader's booking of {@code ROOM} from {@code start} for 30 minutes. */
    static Booking booking(Instant start, BookingState state, Integer score, List<Invitation> invitations) {
        return new Booking(40, "ABCD2345", CASE.id(), CASE.caseNumber(), LEADER.id(), LEADER.name(), ROOM.id(),
                ROOM.name(), ROOM.officeId(), start, start.plusSeconds(30 * 60), state, null, score, null, invitations,
                0);
    }

    static Booking booking(Instant start, BookingState state) {
        return booking(start, state, null, List.of());
    }

    /** Another booking as an engagement of {@code who} from {@code start}: 30 min and a 10 min buffer. */
    static Busy busy(long who, Instant start) {
        return new Busy(99, who, start, start.plusSeconds(30 * 60), start.plusSeconds(40 * 60));
    }
}
