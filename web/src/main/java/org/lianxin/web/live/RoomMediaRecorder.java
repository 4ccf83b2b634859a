package org.lianxin.web.live;

import java.util.Optional;

import org.lianxin.signaling.live.RoomMediaJournal;
import org.lianxin.web.cluster.Lease;
import org.lianxin.web.cluster.LeaseLostException;
import org.lianxin.web.cluster.RoomMedia;
import org.lianxin.web.cluster.RoomMediaRecords;
import org.lianxin.web.cluster.RoomPlacement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Writes where each live room's media is ({@link RoomMediaJournal}) to the room media records (V29), under the room's
 * lease (fenced), for the instance that takes the room over to claim its Janus session (issue 14). A room this instance
 * no longer holds is not written (its successor's record stands); a database that does not answer loses that change
 * only (the next one writes the whole state again). The record is deleted when the room ends ({@link PlacedRooms},
 * before the lease is given up).
 */
final class RoomMediaRecorder implements RoomMediaJournal {
    private static final Logger log = LoggerFactory.getLogger(RoomMediaRecorder.class);

    private final RoomPlacement placement;
    private final RoomMediaRecords records;
    private final java.time.Clock clock;

    RoomMediaRecorder(RoomPlacement placement, RoomMediaRecords records, java.time.Clock clock) {
        this.placement = placement;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public void changed(State state) {
        Optional<Lease> lease = placement.held(state.roomId());
        if (lease.isEmpty()) {
            log.debug("room {}: not held here; its media is not recorded", state.roomId());
            return;
        }
        RoomMedia media = new RoomMedia(state.roomId(), lease.get().epoch(), state.node(), state.session(),
                state.nodeRoom(), state.nodeRoomSecret(), clock.instant(), state.endpoints().stream()
                .map(e -> e.publisher() ? RoomMedia.Endpoint.publisher(e.handle(), e.participantId(), e.feed())
                        : RoomMedia.Endpoint.subscriber(e.handle(), e.participantId(), e.subscribedTo()))
                .toList());
        try {
            placement.fenced(state.roomId(), () -> {
                records.save(media);
                return null;
            });
        } catch (LeaseLostException e) {
            log.info("room {}: owned by another instance now; its media is not recorded here", state.roomId());
        } catch (DataAccessException e) {
            log.warn("room {}: where its media is was not recorded ({}); a takeover now would rebuild it",
                    state.roomId(), e.getMessage());
        }
    }

    @Override
    public void ended(String roomId) {
        // deleted at the session's end under the lease (PlacedRooms); by now the lease may be given up
    }

    /** The room ended here: its record is deleted under its lease (nothing to claim any more). */
    void forget(String roomId) {
        try {
            placement.fenced(roomId, () -> {
                records.forget(roomId);
                return null;
            });
        } catch (LeaseLostException e) {
            log.debug("room {}: not held here; its media record is its owner's", roomId);
        } catch (DataAccessException e) {
            log.warn("room {}: its media record was not deleted ({})", roomId, e.getMessage());
        }
    }
}
