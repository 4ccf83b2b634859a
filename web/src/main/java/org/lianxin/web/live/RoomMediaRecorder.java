package org.lianxin.web.live;

import java.util.Optional;

import org.lianxin.signaling.live.RoomMediaJournal;
import org.lianxin.web.cluster.Lease;
import org.lianxin.web.cluster.LeaseLostException;
import org.lianxin.web.cluster.RoomMedia;
import org.lianxin.web.cluster.RoomMediaRecords;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.cluster.RoomTakeoverRule;
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
    /** The names of this instance's media nodes (a record naming another is not claimed). */
    private final java.util.function.Supplier<java.util.Set<String>> nodes;

    RoomMediaRecorder(RoomPlacement placement, RoomMediaRecords records, java.time.Clock clock) {
        this(placement, records, clock, java.util.Set::of);
    }

    RoomMediaRecorder(RoomPlacement placement, RoomMediaRecords records, java.time.Clock clock,
                      java.util.function.Supplier<java.util.Set<String>> nodes) {
        this.placement = placement;
        this.records = records;
        this.clock = clock;
        this.nodes = nodes;
    }

    /**
     * The room this instance just took with lease epoch {@code newEpoch} from an owner that stopped renewing: what that
     * owner recorded of its media, when {@link RoomTakeoverRule} says to claim it; empty to build the room anew (the
     * reason logged once; also when the database does not answer).
     */
    Optional<RoomMediaJournal.State> takeover(String roomId, long newEpoch) {
        Optional<RoomMedia> record;
        try {
            record = records.load(roomId);
        } catch (DataAccessException e) {
            log.warn("room {}: its media record could not be read ({}); built anew", roomId, e.getMessage());
            return Optional.empty();
        }
        RoomTakeoverRule.Decision d = RoomTakeoverRule.decide(record, newEpoch, nodes.get());
        if (d.way() != RoomTakeoverRule.Way.CLAIM) {
            if (d.why() != RoomTakeoverRule.Why.NO_RECORD) {
                log.info("room {}: its media is not claimed ({}); built anew", roomId, d.why());
            }
            return Optional.empty();
        }
        RoomMedia r = d.record();
        log.info("room {}: claiming its media from the previous owner ({})", roomId, r);
        return Optional.of(new RoomMediaJournal.State(roomId, r.mediaNode(), r.janusSession(), r.janusRoom(),
                r.janusRoomSecret(), r.endpoints().stream().map(e -> new RoomMediaJournal.Endpoint(e.handleId(),
                        e.participantId(), e.role() == RoomMedia.Role.PUBLISHER, e.feedId(), e.subscribedTo(),
                        e.published())).toList(),
                r.places().stream().map(p -> new RoomMediaJournal.Member(p.participantId(), p.displayName(), p.role(),
                        p.admitted(), p.audioMuted(), p.videoMuted())).toList()));
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
                .map(e -> e.publisher() ? RoomMedia.Endpoint.publisher(e.handle(), e.participantId(), e.feed(),
                        e.sections()) : RoomMedia.Endpoint.subscriber(e.handle(), e.participantId(), e.subscribedTo()))
                .toList(), state.members().stream().map(m -> new RoomMedia.Place(m.participantId(), m.displayName(),
                        m.role(), m.admitted(), m.audioMuted(), m.videoMuted())).toList());
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
