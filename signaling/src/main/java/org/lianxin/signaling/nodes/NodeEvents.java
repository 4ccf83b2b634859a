package org.lianxin.signaling.nodes;

import java.util.function.Predicate;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaListener;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.RoomSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room's events from one node: passed on only while the room is on that node; the node's loss and return
 * decided by {@link Placements} (a room lost with its node and moved hears "lost" then "restored"; a node the room
 * left has what is left of it destroyed when it returns). Runs on the node's event thread.
 */
final class NodeEvents implements MediaListener {

    private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);

    private final String node;
    private final MediaEngine engine;
    private final MediaRoomId room;
    private final MediaListener listener;
    private final Placements placements;
    private final Predicate<String> healthy;

    NodeEvents(String node, MediaEngine engine, MediaRoomId room, MediaListener listener, Placements placements,
               Predicate<String> healthy) {
        this.node = node;
        this.engine = engine;
        this.room = room;
        this.listener = listener;
        this.placements = placements;
        this.healthy = healthy;
    }

    @Override
    public void onEvent(MediaEvent event) {
        if (event instanceof MediaEvent.NodeLost lost) {
            Placements.Decision d = placements.lost(room, node, healthy);
            if (d == Placements.Decision.IGNORE) {
                return;
            }
            listener.onEvent(lost);
            if (d == Placements.Decision.MOVED) {
                log.warn("media room {}: node {} lost ({}); moved to node {}", room, node, lost.reason(),
                        placements.nodeOf(room));
                listener.onEvent(new MediaEvent.NodeRestored(room));
            } else {
                log.warn("media room {}: node {} lost ({}); no other node takes it, it waits", room, node,
                        lost.reason());
            }
        } else if (event instanceof MediaEvent.NodeRestored restored) {
            RoomSpec spec = placements.spec(room);
            Placements.Decision d = placements.restored(room, node, healthy);
            if (d == Placements.Decision.FORWARD) {
                listener.onEvent(restored);
            } else if (d == Placements.Decision.CLEAN_UP && spec != null) {
                log.info("media room {}: node {} is back; removing what is left of the room there (it is on {} now)",
                        room, node, placements.nodeOf(room));
                engine.destroyRoom(room, spec.secret()).whenComplete((v, e) -> {
                    if (e != null) {
                        log.debug("media room {}: nothing left on node {} ({})", room, node, e.toString());
                    }
                });
            }
        } else if (node.equals(placements.nodeOf(room))) {
            listener.onEvent(event);
        }
    }
}
