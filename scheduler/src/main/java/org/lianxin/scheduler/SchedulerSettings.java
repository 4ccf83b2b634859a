package org.lianxin.scheduler;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * @param horizon     how far ahead a booking may be made
 * @param defaultZone zone of offices created without one
 * @param identityKey secret key mixed into ID-number hashes (with a per-case salt), at least 16 bytes
 */
public record SchedulerSettings(Duration horizon, ZoneId defaultZone, byte[] identityKey) {
    public SchedulerSettings {
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(defaultZone, "defaultZone");
        if (identityKey == null || identityKey.length < 16) {
            throw new IllegalArgumentException("identityKey must have at least 16 bytes");
        }
    }
}
