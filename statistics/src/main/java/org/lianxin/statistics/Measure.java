package org.lianxin.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One figure's value as counted: for a {@link Figure.Kind#COUNT} the count is the numerator and the denominator is 1;
 * for a rate the items meeting the definition over the items it is taken among; for an average the sum (seconds) over
 * the number of items; for a score the sum of marks over the number of marks. A rate, average or score with a zero
 * denominator has no value ("no data"), never 0 %.
 */
public record Measure(Figure figure, long numerator, long denominator) {
    public static Measure of(Figure figure, long numerator, long denominator) {
        return new Measure(figure, numerator, figure.kind() == Figure.Kind.COUNT ? 1 : denominator);
    }

    public boolean hasValue() {
        return denominator != 0;
    }

    /**
     * The value to show: a count as is; a rate as a percentage with one decimal; an average in seconds, whole; a score
     * (1–5) with two decimals; null
     * when there is no data. Derived from numerator and denominator each time, never stored.
     */
    public BigDecimal value() {
        if (!hasValue()) return null;
        switch (figure.kind()) {
            case COUNT:
                return BigDecimal.valueOf(numerator);
            case RATE:
                return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
            case SCORE:
                return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
            default:
                return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP);
        }
    }

    Measure plus(Measure other) {
        return new Measure(figure, numerator + other.numerator, figure.kind() == Figure.Kind.COUNT ? 1
                : denominator + other.denominator);
    }

    Measure minus(Measure other) {
        return new Measure(figure, numerator - other.numerator, figure.kind() == Figure.Kind.COUNT ? 1
                : denominator - other.denominator);
    }
}
