package org.lianxin.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lianxin.supervision.ItemState;

/** The sweep's decisions for one item with a set clock: reminders, overdue, escalation, each once. */
class SweepRulesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DEADLINE = LocalDate.of(2027, 3, 1);
    static final List<Integer> DAYS = List.of(3, 1);
    static final long ABOVE = 1;

    static SweepRules.Subject item(ItemState state, Set<String> marks) {
        return new SweepRules.Subject(state, DEADLINE, SHANGHAI, ABOVE, marks);
    }

    static Instant shanghai(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void nothingBeforeTheFirstReminderPoint() {
        assertThat(SweepRules.decide(item(ItemState.IN_PROGRESS, Set.of()), shanghai("2027-02-26T08:59:59"), DAYS))
                .isEmpty();
    }

    @Test
    void threeDaysBeforeAtNineTheUnitIsRemindedOnce() {
        assertThat(SweepRules.decide(item(ItemState.PENDING_SIGN, Set.of()), shanghai("2027-02-26T09:00"), DAYS))
                .containsExactly(new SweepRules.Remind(3, List.of("REMIND-3")));
        assertThat(SweepRules.decide(item(ItemState.PENDING_SIGN, Set.of("REMIND-3")), shanghai("2027-02-27T09:00"),
                DAYS)).isEmpty();
        assertThat(SweepRules.decide(item(ItemState.IN_PROGRESS, Set.of("REMIND-3")), shanghai("2027-02-28T09:00"),
                DAYS)).containsExactly(new SweepRules.Remind(1, List.of("REMIND-1")));
    }

    @Test
    void aSweepThatWasOffSendsOnlyTheNearestReminderAndMarksTheEarlierOnes() {
        assertThat(SweepRules.decide(item(ItemState.RETURNED, Set.of()), shanghai("2027-03-01T10:00"), DAYS))
                .containsExactly(new SweepRules.Remind(1, List.of("REMIND-3", "REMIND-1")));
    }

    @Test
    void theMillisecondAfterTheDeadlineDayTheItemIsOverdueAndEscalatesToTheOfficeAbove() {
        assertThat(SweepRules.decide(item(ItemState.IN_PROGRESS, Set.of("REMIND-3", "REMIND-1")),
                Instant.parse("2027-03-01T15:59:59.999Z"), DAYS)).isEmpty();
        assertThat(SweepRules.decide(item(ItemState.IN_PROGRESS, Set.of()), Instant.parse("2027-03-01T16:00:00Z"),
                DAYS)).containsExactly(new SweepRules.MarkOverdue(List.of("OVERDUE")),
                new SweepRules.Escalate(ABOVE, List.of("ESCALATED")));
        assertThat(SweepRules.decide(item(ItemState.IN_PROGRESS, Set.of("OVERDUE", "ESCALATED")),
                Instant.parse("2027-03-05T00:00:00Z"), DAYS)).isEmpty();
    }

    @Test
    void atTheTopThereIsNobodyToEscalateTo() {
        SweepRules.Subject top = new SweepRules.Subject(ItemState.PENDING_SIGN, DEADLINE, SHANGHAI, null, Set.of());
        assertThat(SweepRules.decide(top, Instant.parse("2027-03-02T00:00:00Z"), DAYS))
                .containsExactly(new SweepRules.MarkOverdue(List.of("OVERDUE")));
    }

    @Test
    void repliedAndCompletedItemsAreLeftAlone() {
        for (ItemState s : List.of(ItemState.REPLIED, ItemState.COMPLETED)) {
            assertThat(SweepRules.decide(item(s, Set.of()), Instant.parse("2027-04-01T00:00:00Z"), DAYS)).isEmpty();
            assertThat(SweepRules.decide(item(s, Set.of()), shanghai("2027-02-28T10:00"), DAYS)).isEmpty();
        }
    }
}
