package org.lianxin.topics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The detection rule's thresholds: {@code defaults} for every province, {@code byProvince} (province office code →
 * thresholds) where a province set its own.
 */
public record TopicSettings(Thresholds defaults, Map<String, Thresholds> byProvince) {
    public static final TopicSettings DEFAULTS = new TopicSettings(Thresholds.DEFAULT, Map.of());

    public TopicSettings {
        Objects.requireNonNull(defaults, "defaults");
        byProvince = Map.copyOf(byProvince);
    }

    public Thresholds forProvince(String provinceCode) {
        return byProvince.getOrDefault(provinceCode, defaults);
    }

    /** The longest window of any province: how far back detection reads. */
    public Duration longestWindow() {
        Duration longest = defaults.window();
        for (Thresholds t : byProvince.values()) if (t.window().compareTo(longest) > 0) longest = t.window();
        return longest;
    }
}
