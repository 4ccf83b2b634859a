package org.lianxin.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.supervision.internal.EscalationRules.Facts;
import org.lianxin.supervision.internal.EscalationRules.Matter;

class EscalationRulesTest {
    static final Long ABOVE = 4L;

    @Test
    void aFirstReceptionNeverEscalates() {
        assertThat(EscalationRules.escalates(new Facts(List.of(new Matter(1, false, false, false)), ABOVE, false)))
                .isFalse();
    }

    @Test
    void receivedBeforeAndUnresolvedOrClosedUnsatisfiedEscalates() {
        assertThat(EscalationRules.escalates(new Facts(List.of(new Matter(1, true, false, false)), ABOVE, false)))
                .isTrue();
        assertThat(EscalationRules.escalates(new Facts(List.of(new Matter(1, true, true, true)), ABOVE, false)))
                .isTrue();
        assertThat(EscalationRules.escalates(new Facts(List.of(new Matter(1, true, true, false)), ABOVE, false)))
                .as("closed and not unsatisfied").isFalse();
        assertThat(EscalationRules.escalates(new Facts(List.of(new Matter(1, false, false, false),
                new Matter(2, true, false, false)), ABOVE, false))).as("an earlier case of the same problem").isTrue();
    }

    @Test
    void neverWhenTheLevelAboveHoldsTheMatterOrThereIsNone() {
        assertThat(EscalationRules.escalates(new Facts(List.of(new Matter(1, true, false, false)), ABOVE, true)))
                .isFalse();
        assertThat(EscalationRules.escalates(new Facts(List.of(new Matter(1, true, false, false)), null, false)))
                .isFalse();
    }
}
