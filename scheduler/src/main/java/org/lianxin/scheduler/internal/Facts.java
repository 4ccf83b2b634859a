package org.lianxin.scheduler.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts of a refusal ({@link org.lianxin.scheduler.SchedulerException#facts()}): the names, times and numbers a
 * person's message in their own language needs. Instants go out as ISO-8601 instants and days as ISO dates (the
 * page formats them in its language and the {@code zone} fact's zone); an absent value (an office without an
 * English name) is left out.
 */
final class Facts {
    private Facts() {
    }

    /** {@code name, value, name, value, …}; null values are left out. */
    static Map<String, Object> of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("names and values come in pairs");
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value == null) continue;
            if (value instanceof Instant || value instanceof LocalDate || value instanceof java.time.ZoneId) {
                value = value.toString();
            }
            facts.put((String) namesAndValues[i], value);
        }
        return facts;
    }
}
