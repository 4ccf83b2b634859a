package org.lianxin.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A measure's value is made from its numerator and denominator; no denominator is no data, never 0 %. */
class MeasureTest {
    @Test
    void aRateIsAPercentageWithOneDecimalRoundedHalfUp() {
        assertThat(Measure.of(Figure.SATISFACTION, 2, 3).value()).isEqualByComparingTo(new BigDecimal("66.7"));
        assertThat(Measure.of(Figure.SATISFACTION, 1, 3).value()).isEqualByComparingTo(new BigDecimal("33.3"));
        assertThat(Measure.of(Figure.REPLIED_ON_TIME, 0, 5).value()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(Measure.of(Figure.REPLIED_ON_TIME, 7, 7).value()).isEqualByComparingTo(new BigDecimal("100"));
    }

    @Test
    void aZeroDenominatorIsNoData() {
        Measure none = Measure.of(Figure.PARTICIPATION, 0, 0);
        assertThat(none.hasValue()).isFalse();
        assertThat(none.value()).isNull();
        assertThat(Measure.of(Figure.LOBBY_WAIT, 0, 0).value()).isNull();
    }

    @Test
    void aCountIsItsNumeratorOverOne() {
        Measure held = Measure.of(Figure.RECEPTIONS_HELD, 0, 99);
        assertThat(held.denominator()).isEqualTo(1);
        assertThat(held.value()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void anAverageIsWholeSeconds() {
        assertThat(Measure.of(Figure.LOBBY_WAIT, 301, 2).value()).isEqualByComparingTo(new BigDecimal("151"));
    }

    @Test
    void aScoreIsTheMeanMarkWithTwoDecimals() {
        assertThat(Measure.of(Figure.THIRD_PARTY_SCORE, 11, 3).value()).isEqualByComparingTo(new BigDecimal("3.67"));
        assertThat(Measure.of(Figure.THIRD_PARTY_SCORE, 16, 4).value()).isEqualByComparingTo(new BigDecimal("4.00"));
        assertThat(Measure.of(Figure.THIRD_PARTY_SCORE, 16, 4).value().scale()).isEqualTo(2);
        assertThat(Measure.of(Figure.THIRD_PARTY_SCORE, 0, 0).hasValue()).isFalse();
    }

    @Test
    void everyFigureIsDefinedInBothLanguages() {
        for (Figure f : Figure.values()) {
            assertThat(f.label(false)).as(f.name()).isNotBlank().isNotEqualTo(f.label(true));
            assertThat(f.definition(false)).as(f.name()).isNotBlank();
            assertThat(f.definition(true)).as(f.name()).isNotBlank().isNotEqualTo(f.definition(false));
        }
    }
}
