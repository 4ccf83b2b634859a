package org.lianxin.signaling.live;

import java.util.List;
import org.lianxin.signaling.protocol.IceServer;

/**
 * The TURN credentials of one join: those handed out with the {@code joined} message, and fresh ones on request
 * ({@code renewIceServers}) for as long as the same join token would let its holder back in (its expiry, or within
 * the resume window after it: a reconnect would hand out the same).
 */
interface IceServerGrants {

    /** The credentials for the {@code joined} message of {@code participantId}. */
    List<IceServer> atJoin(String participantId);

    /** Fresh credentials for a participant in the room. */
    List<IceServer> renewal(String participantId);

    /** No TURN. */
    static IceServerGrants none() {
        return new IceServerGrants() {
            @Override
            public List<IceServer> atJoin(String participantId) {
                return List.of();
            }

            @Override
            public List<IceServer> renewal(String participantId) {
                return List.of();
            }
        };
    }
}
