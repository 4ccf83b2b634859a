package org.lianxin.web.cluster;

import java.util.Optional;
import java.util.Set;

/**
 * How an instance that took a live room's lease from a lost owner gets the room's media (issue 14; pure: record, lease,
 * configured nodes in; decision out). It claims the owner's Janus session when the record is the one the previous
 * tenure wrote (epoch one below the new lease's), names a configured media node and a session with at least one
 * endpoint; otherwise it builds the room anew as before (clients publish again, the recording starts a new series).
 * Whether Janus still has the session is Janus's answer to the claim (458 after its {@code reclaim_session_timeout}):
 * a claim refused is a rebuild too.
 */
public final class RoomTakeoverRule {
    private RoomTakeoverRule() {
    }

    public enum Way { CLAIM, REBUILD }

    /** Why: the way's reason, for the log and the recording's manifest. */
    public enum Why {
        /** The record of the previous tenure: claim its session. */
        CLAIMABLE,
        /** No record (an owner of an older version, or one that made no endpoint yet). */
        NO_RECORD,
        /** The record is of an older tenure than the one taken over (that owner never wrote one): its session is stale. */
        STALE_RECORD,
        /** The record's node is not among this instance's media nodes. */
        UNKNOWN_NODE,
        /** The record has no session or no endpoint: nothing to keep. */
        NOTHING_TO_CLAIM
    }

    public record Decision(Way way, Why why, RoomMedia record) {
        static Decision rebuild(Why why) {
            return new Decision(Way.REBUILD, why, null);
        }
    }

    /**
     * @param record   the room's {@link RoomMedia}, if any
     * @param newEpoch the epoch of the lease this instance just took
     * @param nodes    the names of this instance's media nodes
     */
    public static Decision decide(Optional<RoomMedia> record, long newEpoch, Set<String> nodes) {
        if (record.isEmpty()) {
            return Decision.rebuild(Why.NO_RECORD);
        }
        RoomMedia r = record.get();
        if (r.epoch() != newEpoch - 1) {
            return Decision.rebuild(Why.STALE_RECORD);
        }
        if (!nodes.contains(r.mediaNode())) {
            return Decision.rebuild(Why.UNKNOWN_NODE);
        }
        if (r.janusSession() == 0 || r.endpoints().isEmpty()) {
            return Decision.rebuild(Why.NOTHING_TO_CLAIM);
        }
        return new Decision(Way.CLAIM, Why.CLAIMABLE, r);
    }
}
