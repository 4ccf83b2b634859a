package org.lianxin.signaling.protocol;

import java.util.Objects;
import org.lianxin.signaling.token.Role;

/**
 * A participant as another participant sees it.
 *
 * @param id          participant id
 * @param displayName the name shown
 * @param role        the participant's role
 * @param connected   false while its connection is lost and its place is held
 * @param publishing  whether it sends media (others may subscribe to it)
 * @param audioMuted  audio muted by the host (the server stops relaying it)
 * @param videoMuted  video muted by the host
 */
public record ParticipantInfo(String id, String displayName, Role role, boolean connected, boolean publishing,
        boolean audioMuted, boolean videoMuted) {
    public ParticipantInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }
}
