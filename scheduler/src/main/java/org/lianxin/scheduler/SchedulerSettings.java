package org.lianxin.scheduler;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * @param horizon            how far ahead a booking may be made
 * @param defaultZone        zone of offices created without one
 * @param identityKey        secret key mixed into ID-number hashes (with a per-case salt), at least 16 bytes
 * @param checkInOpensBefore check-in at the terminal opens this long before a session's start (not negative)
 */
public record SchedulerSettings(Duration horizon, ZoneId defaultZone, byte[] identityKey,
                                Duration checkInOpensBefore) {
    /** Check-in opens 15 minutes before the session unless set. */
    public static final Duration DEFAULT_CHECK_IN_OPENS_BEFORE = Duration.ofMinutes(15);

    public SchedulerSettings {
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(defaultZone, "defaultZone");
        if (identityKey == null || identityKey.length < 16) {
            throw new IllegalArgumentException("identityKey must have at least 16 bytes");
        }
        Objects.requireNonNull(checkInOpensBefore, "checkInOpensBefore");
        if (checkInOpensBefore.isNegative()) {
            throw new IllegalArgumentException("checkInOpensBefore must not be negative");
        }
    }

    /** Check-in opens {@link #DEFAULT_CHECK_IN_OPENS_BEFORE} before the session. */
    public SchedulerSettings(Duration horizon, ZoneId defaultZone, byte[] identityKey) {
        this(horizon, defaultZone, identityKey, DEFAULT_CHECK_IN_OPENS_BEFORE);
    }
}
