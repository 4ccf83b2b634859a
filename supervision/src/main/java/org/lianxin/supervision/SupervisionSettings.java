package org.lianxin.supervision;

import java.util.List;

/**
 * @param remindDaysBefore days before the deadline at which the sweep reminds the unit (催办), e.g. 3 and 1
 */
public record SupervisionSettings(List<Integer> remindDaysBefore) {
    public static final SupervisionSettings DEFAULTS = new SupervisionSettings(List.of(3, 1));

    public SupervisionSettings {
        remindDaysBefore = List.copyOf(remindDaysBefore);
        for (int d : remindDaysBefore) {
            if (d < 1 || d > 30) throw new IllegalArgumentException("remind days must be 1..30, was " + d);
        }
    }
}
