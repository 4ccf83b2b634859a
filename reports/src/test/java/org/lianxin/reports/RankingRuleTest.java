package org.lianxin.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingRuleTest {
    static final YearMonth OCT = YearMonth.of(2026, 10);
    static final YearMonth NOV = YearMonth.of(2026, 11);

    @Test
    void higherCompletionRanksFirstComparedExactlyNotAsRounded() {
        // 2/3 = 66.67 % and 667/1000 = 66.70 %: shown alike as 66.7 %, but 667/1000 is higher
        Ranking r = new Tables().unit(2, "A", 2, 3, 0, 0).unit(3, "B", 667, 1000, 0, 0).unit(4, "C", 9, 10, 0, 0)
                .rank(NOV);
        assertThat(Tables.codes(r.ranked())).containsExactly("C", "B", "A");
        assertThat(r.ranked()).extracting(RankedUnit::place).containsExactly(1, 2, 3);
    }

    @Test
    void tiesGoToReplyOnTimeThenMoreItemsThenOfficeCode() {
        Ranking r = new Tables()
                .unit(2, "Z1", 1, 2, 1, 2)   // 50 %, reply 50 %, 2 items
                .unit(3, "A9", 2, 4, 3, 4)   // 50 %, reply 75 %
                .unit(4, "M5", 3, 6, 1, 2)   // 50 %, reply 50 %, 6 items
                .unit(5, "B2", 1, 2, 1, 2)   // 50 %, reply 50 %, 2 items: code B2 before Z1
                .unit(6, "C3", 1, 2, 0, 0)   // 50 %, no reply-on-time data: after those with data
                .rank(NOV);
        assertThat(Tables.codes(r.ranked())).containsExactly("A9", "M5", "B2", "Z1", "C3");
    }

    @Test
    void theOrderDoesNotDependOnTheOrderOfTheRows() {
        List<long[]> units = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 30; i++) {
            long items = random.nextInt(4);
            units.add(new long[] {i + 10, items == 0 ? 0 : random.nextInt((int) items + 1), items,
                random.nextInt(2), 1});
        }
        List<String> first = null;
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(units, random);
            Tables t = new Tables();
            for (long[] u : units) t.unit(u[0], String.format("U%02d", u[0]), u[1], u[2], u[3], u[4]);
            List<String> order = Tables.codes(t.rank(NOV).units());
            if (first == null) first = order;
            assertThat(order).isEqualTo(first);
        }
    }

    @Test
    void unitsWithoutDataAreListedLastUnrankedNeverAsZero() {
        Ranking r = new Tables().unit(2, "B", 0, 0, 0, 0).unit(3, "C", 0, 5, 0, 5).unit(4, "A", 0, 0, 1, 1)
                .rank(NOV);
        assertThat(Tables.codes(r.units())).containsExactly("C", "A", "B");
        assertThat(r.ranked()).singleElement().satisfies(u -> assertThat(u.place()).isEqualTo(1));
        assertThat(r.withoutData()).extracting(RankedUnit::place).containsOnlyNulls();
        assertThat(r.withoutData()).allSatisfy(u -> assertThat(u.completion().value()).isNull());
    }

    @Test
    void theOwnLevelAndTheTotalAreNotUnits() {
        Ranking r = new Tables().unit(2, "A", 1, 1, 0, 0).rank(NOV);
        assertThat(r.units()).extracting(RankedUnit::officeId).containsExactly(2L);
    }

    @Test
    void theBottomIsTheLastPlaceOrTheLastTwoFromTenUnits() {
        assertThat(RankingRule.bottomSize(0)).isZero();
        assertThat(RankingRule.bottomSize(1)).isZero();
        assertThat(RankingRule.bottomSize(2)).isEqualTo(1);
        assertThat(RankingRule.bottomSize(9)).isEqualTo(1);
        assertThat(RankingRule.bottomSize(10)).isEqualTo(2);
        Tables nine = new Tables();
        Tables ten = new Tables();
        for (int i = 0; i < 10; i++) {
            if (i < 9) nine.unit(i + 2, "U" + i, 10 - i, 10, 0, 0);
            ten.unit(i + 2, "U" + i, 10 - i, 10, 0, 0);
        }
        nine.unit(20, "X", 0, 0, 0, 0); // no data: never at the bottom
        assertThat(Tables.codes(nine.rank(NOV).bottom())).containsExactly("U8");
        assertThat(Tables.codes(ten.rank(NOV).bottom())).containsExactly("U8", "U9");
    }

    @Test
    void aUnitAtTheBottomTwoMonthsRunningIsFlaggedOneMonthIsNot() {
        Ranking oct = new Tables().unit(2, "A", 1, 2, 0, 0).unit(3, "B", 2, 2, 0, 0).unit(4, "C", 0, 2, 0, 0)
                .rank(OCT);
        Ranking nov = new Tables().unit(2, "A", 1, 2, 0, 0).unit(3, "B", 0, 2, 0, 0).unit(4, "C", 0, 3, 0, 0)
                .rank(NOV);
        // November: B 0/2 and C 0/3 tie at 0 %; C has more items and ranks above B, so B is last
        assertThat(Tables.codes(nov.bottom())).containsExactly("B");
        assertThat(RankingRule.flag(oct, nov).flagged()).isEmpty();
        Ranking dec = new Tables().unit(2, "A", 1, 2, 0, 0).unit(3, "B", 0, 2, 0, 0).unit(4, "C", 1, 1, 0, 0)
                .rank(NOV.plusMonths(1));
        assertThat(Tables.codes(RankingRule.flag(nov, dec).flagged())).containsExactly("B");
    }

    @Test
    void withTenUnitsEitherOfTheLastTwoInBothMonthsIsFlagged() {
        Tables before = new Tables();
        Tables now = new Tables();
        for (int i = 0; i < 10; i++) {
            before.unit(i + 2, "U" + i, 10 - i, 10, 0, 0);           // U8, U9 last two
            now.unit(i + 2, "U" + i, i == 8 ? 10 : (i == 0 ? 1 : 9), 10, 0, 0); // U0 last; U8 first
        }
        assertThat(Tables.codes(now.rank(NOV).bottom())).containsExactly("U9", "U0");
        Ranking flagged = RankingRule.flag(before.rank(OCT), now.rank(NOV));
        assertThat(Tables.codes(flagged.flagged())).containsExactly("U9");
    }

    @Test
    void aUnitWithoutDataThisMonthIsNotFlagged() {
        Ranking oct = new Tables().unit(2, "A", 1, 1, 0, 0).unit(3, "B", 0, 1, 0, 0).rank(OCT);
        Ranking nov = new Tables().unit(2, "A", 1, 1, 0, 0).unit(3, "B", 0, 0, 0, 0).rank(NOV);
        assertThat(RankingRule.flag(oct, nov).flagged()).isEmpty();
    }
}
