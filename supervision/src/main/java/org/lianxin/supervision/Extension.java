package org.lianxin.supervision;

import java.time.Instant;

/** The one extension a unit may ask for (at most 30 days, reason required), decided by the supervising office. */
public record Extension(int days, String reason, ExtensionState state, Instant requestedAt, String requestedBy,
                        String decidedBy, Instant decidedAt, String note) {
}
