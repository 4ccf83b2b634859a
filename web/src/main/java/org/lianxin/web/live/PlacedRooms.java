package org.lianxin.web.live;

import org.lianxin.signaling.live.RoomOwners;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.cluster.RoomPlacementRule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The live rooms' owners from the room placement ({@link RoomPlacement}): a join for a room not held here is sent to
 * its owner, or the room is taken over here when its owner stopped renewing — with its media claimed when the owner's
 * record allows ({@link RoomMediaRecorder#takeover}, issue 14), else built anew; and a room that ended
 * gives its lease up — last of the listeners, after the writes its end makes under the lease.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class PlacedRooms implements RoomOwners, LiveRoomListener {
    private final RoomPlacement placement;
    /** Where the rooms' media is, deleted at their end; null: not recorded. */
    private final RoomMediaRecorder media;

    PlacedRooms(RoomPlacement placement) {
        this(placement, null);
    }

    @Autowired
    PlacedRooms(RoomPlacement placement, RoomMediaRecorder media) {
        this.placement = placement;
        this.media = media;
    }

    @Override
    public Whereabouts locate(String roomId) {
        RoomPlacement.Claim claim = placement.claim(roomId, RoomPlacementRule.Purpose.JOIN);
        switch (claim.kind()) {
            case TAKE:
                if (media != null && claim.lease() != null) { // taken from an owner that stopped renewing
                    return media.takeover(roomId, claim.lease().epoch()).map(Whereabouts::takenOver)
                            .orElseGet(Whereabouts::here);
                }
                return Whereabouts.here();
            case ELSEWHERE:
                return Whereabouts.elsewhere(claim.node());
            default:
                return Whereabouts.nowhere();
        }
    }

    @Override
    public void onRoomEvent(RoomSubject subject, RoomEvent event) {
        if (event instanceof RoomEvent.SessionEnded) {
            if (media != null) {
                media.forget(subject.roomId());
            }
            placement.release(subject.roomId());
        }
    }
}
