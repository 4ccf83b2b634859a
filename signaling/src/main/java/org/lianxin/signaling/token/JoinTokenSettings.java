package org.lianxin.signaling.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How join tokens are issued and checked.
 *
 * @param ttl          how long a new token is valid (default 10 min; 1 s .. 24 h)
 * @param clockSkew    tolerance for clocks of several app instances (default 5 s; 0 .. 5 min)
 * @param resumeWindow how long after its expiry a token may still be used to resume a place the
 *                     room still holds for that participant (default 4 h; see
 *                     {@link JoinTokens#verifyForResume}); 0 disables it
 */
public record JoinTokenSettings(Duration ttl, Duration clockSkew, Duration resumeWindow) {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    public JoinTokenSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(resumeWindow, "resumeWindow");
        List<String> errors = new ArrayList<>();
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofHours(24)) > 0) {
            errors.add("ttl must be between 1 s and 24 h: " + ttl);
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            errors.add("clockSkew must be between 0 and 5 min: " + clockSkew);
        }
        if (resumeWindow.isNegative() || resumeWindow.compareTo(Duration.ofHours(24)) > 0) {
            errors.add("resumeWindow must be between 0 and 24 h: " + resumeWindow);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    public static JoinTokenSettings defaults() {
        return new JoinTokenSettings(DEFAULT_TTL, Duration.ofSeconds(5), Duration.ofHours(4));
    }

    public JoinTokenSettings withTtl(Duration newTtl) {
        return new JoinTokenSettings(newTtl, clockSkew, resumeWindow);
    }

    public JoinTokenSettings withClockSkew(Duration newSkew) {
        return new JoinTokenSettings(ttl, newSkew, resumeWindow);
    }
}
