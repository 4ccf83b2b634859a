package org.lianxin.signaling.nodes;

import java.time.Instant;

/**
 * One media node as an operator sees it.
 *
 * @param name      its configured name
 * @param reachable whether we are connected to it now
 * @param since     when it last became reachable or unreachable
 * @param detail    a short reason (never secrets)
 * @param drained   whether it takes no new rooms
 * @param rooms     the media rooms this server placed on it
 * @param endpoints the endpoints (peer connections) this server has open on it
 */
public record MediaNodeStatus(String name, boolean reachable, Instant since, String detail, boolean drained, int rooms,
                              int endpoints) {
}
