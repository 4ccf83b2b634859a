package org.lianxin.web.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.supervision}.
 *
 * @param sweepInterval    how often the sweep looks for reminders due, overdue items and escalations (default 5m;
 *                         0 turns the sweep off)
 * @param remindDaysBefore days before an item's deadline at which its unit is reminded (催办), at 09:00 in the unit's
 *                         zone (default 3,1; each 1..30)
 */
@ConfigurationProperties("lianxin.supervision")
@Validated
public record SupervisionProperties(
        @NotNull @DefaultValue("5m") Duration sweepInterval,
        @NotNull @DefaultValue({"3", "1"}) List<Integer> remindDaysBefore) {
}
