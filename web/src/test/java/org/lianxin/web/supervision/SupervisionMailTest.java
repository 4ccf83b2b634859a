package org.lianxin.web.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lianxin.notification.Notice;
import org.lianxin.notification.Notifications;
import org.lianxin.notification.OutboxEntry;
import org.lianxin.notification.Recipient;
import org.lianxin.scheduler.Role;
import org.lianxin.supervision.NoticeKind;
import org.lianxin.supervision.SupervisionNotice;

class SupervisionMailTest {
    private final List<Notice> queued = new ArrayList<>();
    private final Notifications outbox = new Notifications() {
        @Override
        public boolean enqueue(Notice notice) {
            if (queued.stream().anyMatch(q -> q.dedupeKey().equals(notice.dedupeKey()))) return false;
            return queued.add(notice);
        }

        @Override
        public List<OutboxEntry> failed(Collection<Long> officeIds, boolean includeUnscoped, int limit) {
            return List.of();
        }

        @Override
        public Optional<OutboxEntry> find(long id, Collection<Long> officeIds, boolean includeUnscoped) {
            return Optional.empty();
        }

        @Override
        public Optional<OutboxEntry> retry(long id, Collection<Long> officeIds, boolean includeUnscoped) {
            return Optional.empty();
        }
    };

    private static SupervisionNotice notice(NoticeKind kind, String text, Long... offices) {
        return new SupervisionNotice(kind, 17, "JB-2026-000017", "XF-2026-0005", List.of(offices),
                LocalDate.of(2027, 1, 1), Instant.parse("2027-01-01T15:59:59.999Z"), text);
    }

    @Test
    void eachNamedOfficesStaffGetTheNoticeWithNumbersDeadlineAndNoteInBothLanguages() {
        new SupervisionMail(outbox, Clock.systemUTC()).send(notice(NoticeKind.RETURNED, "请补充现场照片", 40L, 4L));

        assertThat(queued).hasSize(2);
        assertThat(queued).extracting(Notice::recipient).containsExactly(
                new Recipient.OfficeStaff(40, java.util.EnumSet.of(Role.SCHEDULER, Role.LEADER, Role.OFFICIAL,
                        Role.REVIEWER)),
                new Recipient.OfficeStaff(4, java.util.EnumSet.of(Role.SCHEDULER, Role.LEADER, Role.OFFICIAL,
                        Role.REVIEWER)));
        Notice n = queued.get(0);
        assertThat(n.kind()).isEqualTo(org.lianxin.notification.NoticeKind.RETURNED_FOR_REDO);
        assertThat(n.subject()).contains("JB-2026-000017").contains("退回").contains("returned for redo")
                .contains("XF-2026-0005").doesNotContain("\n");
        assertThat(n.body()).contains("2027年1月1日").contains("2027-01-01").contains("请补充现场照片")
                .contains("Please sign in");
    }

    @Test
    void theSweepsRemindersAreQueuedOncePerDeadlineButEveryActOfAPersonIsItsOwnNotice() {
        Instant t = Instant.parse("2026-12-02T01:00:00Z");
        SupervisionMail atT = new SupervisionMail(outbox, Clock.fixed(t, ZoneOffset.UTC));
        SupervisionMail later = new SupervisionMail(outbox, Clock.fixed(t.plusSeconds(60), ZoneOffset.UTC));

        atT.send(notice(NoticeKind.DEADLINE_NEAR, null, 40L));
        later.send(notice(NoticeKind.DEADLINE_NEAR, null, 40L));
        assertThat(queued).as("the sweep's reminder for one deadline, from two nodes or runs").hasSize(1);

        atT.send(notice(NoticeKind.DEADLINE_NEAR, "请抓紧办理", 40L));
        later.send(notice(NoticeKind.DEADLINE_NEAR, "请抓紧办理", 40L));
        atT.send(notice(NoticeKind.RETURNED, "理由", 40L));
        later.send(notice(NoticeKind.RETURNED, "理由", 40L));
        assertThat(queued).as("a supervisor's 催办 and each return are notices of their own").hasSize(5);
    }

    @Test
    void everySupervisionKindHasWordsAndAKindTheOutboxKnows() {
        for (NoticeKind k : NoticeKind.values()) {
            assertThat(SupervisionMail.zh(k)).isNotEqualTo(k.name());
            assertThat(SupervisionMail.en(k)).isNotEqualTo(k.name());
            assertThat(SupervisionMail.kind(k)).isNotNull();
        }
    }
}
