package org.lianxin.signaling.protocol;

import java.util.Objects;

/**
 * One stream in a subscription offer: which participant's medium arrives on which {@code mid}.
 */
public record OfferedStream(String mid, String participantId, MediaKind kind) {
    public OfferedStream {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(kind, "kind");
    }
}
