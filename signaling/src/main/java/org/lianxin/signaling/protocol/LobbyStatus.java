package org.lianxin.signaling.protocol;

/**
 * A waiting participant's place in the lobby.
 *
 * @param position             1 = next to be admitted
 * @param estimatedWaitSeconds 0 when the host could admit at any moment; more when the host's
 *                             previous session runs over
 */
public record LobbyStatus(int position, long estimatedWaitSeconds) {
    public LobbyStatus {
        if (position < 1) {
            throw new IllegalArgumentException("position must be >= 1: " + position);
        }
        if (estimatedWaitSeconds < 0) {
            throw new IllegalArgumentException("estimatedWaitSeconds must be >= 0: " + estimatedWaitSeconds);
        }
    }
}
