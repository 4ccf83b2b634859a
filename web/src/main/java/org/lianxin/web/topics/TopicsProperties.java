package org.lianxin.web.topics;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.topics} (一题一专项).
 *
 * @param windowDays    the sliding window of the detection rule, in days (default 30; 1..366)
 * @param threshold     matters of one category and place within the window that make a topic (default 5; 2..1000)
 * @param sweepInterval how often detection runs over every province besides the check after each new case
 *                      (default 10m; 0 turns the periodic run off)
 * @param provinces     a province's own rule by its office code, e.g. {@code provinces.510000.window-days: 60};
 *                      a key left out takes the default above
 */
@ConfigurationProperties("lianxin.topics")
@Validated
public record TopicsProperties(
        @DefaultValue("30") int windowDays,
        @DefaultValue("5") int threshold,
        @NotNull @DefaultValue("10m") Duration sweepInterval,
        Map<String, Province> provinces) {

    public TopicsProperties {
        provinces = provinces == null ? Map.of() : Map.copyOf(provinces);
    }

    /** A province's own window and threshold; null keeps the default. */
    public record Province(Integer windowDays, Integer threshold) {
    }
}
