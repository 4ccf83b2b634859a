package org.lianxin.web.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.scheduler}.
 *
 * @param horizon     how far ahead bookings are taken (default 60d)
 * @param defaultZone zone of offices imported without one (default Asia/Shanghai)
 * @param identityKey base64 secret, at least 16 bytes, mixed into ID-number hashes; unset: generated on first start
 *                    into {@code ${lianxin.data-dir}/identity.key} (refused in the prod profile)
 * @param checkInOpensBefore check-in at the terminal opens this long before a session's start (default 15m, not
 *                    negative; the room opens at {@code lianxin.signaling.room-opens-before})
 */
@ConfigurationProperties("lianxin.scheduler")
@Validated
public record SchedulerProperties(
        @NotNull @DefaultValue("60d") Duration horizon,
        @NotBlank @DefaultValue("Asia/Shanghai") String defaultZone,
        String identityKey,
        @NotNull @DefaultValue("15m") Duration checkInOpensBefore) {
}
