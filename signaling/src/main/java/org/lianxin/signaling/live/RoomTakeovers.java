package org.lianxin.signaling.live;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.RoomClaim;
import org.lianxin.signaling.room.Room;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The takeovers of rooms a lost instance held, with their media kept (issue 14): the room is put in place with each
 * recorded participant's place held, its media claimed in the background within {@code claimWait}, and built anew
 * when the claim fails; the joins that arrive meanwhile wait for the claim through {@link ClaimWaits}. Thread-safe.
 */
final class RoomTakeovers {

    private static final Logger log = LoggerFactory.getLogger(RoomTakeovers.class);

    private final LiveRooms rooms;
    /** How long a takeover waits for the claim of the room's media before building it anew. */
    private volatile Duration claimWait = Duration.ofSeconds(5);
    /** The rooms being claimed here and the joins waiting for them (without a thread each). */
    private final ClaimWaits claimWaits = new ClaimWaits();

    RoomTakeovers(LiveRooms rooms) {
        this.rooms = rooms;
    }

    void claimWithin(Duration wait) {
        this.claimWait = Objects.requireNonNull(wait, "wait");
    }

    /** How long a takeover waits for the claim of the room's media before building it anew. */
    Duration claimWait() {
        return claimWait;
    }

    /** Whether a claim of the room is under way. */
    boolean claiming(String roomId) {
        return claimWaits.claiming(roomId);
    }

    /** See {@link ClaimWaits#waitFor}: a join waits at most twice {@code claimWait}. */
    CompletableFuture<Boolean> waitForClaim(String roomId) {
        return claimWaits.waitFor(roomId, claimWait.multipliedBy(2));
    }

    /** See {@link LiveRooms#takeOver}; the caller has checked that the rooms are running. */
    boolean takeOver(String roomId, SessionRef session, RoomMediaJournal.State taken) {
        if (!taken.roomId().equals(roomId)) {
            throw new IllegalArgumentException("the record is of room " + taken.roomId() + ", not " + roomId);
        }
        RoomClaim claim = RoomTakeover.claim(taken);
        List<Room.HeldPlace> places = RoomTakeover.places(taken);
        CompletableFuture<Void> settled = new CompletableFuture<>();
        LiveRoom r = rooms.placeTakenOver(roomId, session, places, taken,
                id -> claimWaits.started(id, settled)); // before any join can see the room
        if (r == null) { // opened or being taken over meanwhile (another join): that one stands
            return true;
        }
        r.claim(claim).orTimeout(claimWait.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
            try {
                if (e == null) {
                    log.info("room {}: taken over by this instance with its media claimed ({} place(s) held)", roomId,
                            places.size());
                } else {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    r.dropClaim();
                    rooms.forget(roomId, r);
                    log.warn("room {}: its media could not be claimed ({}); built anew", roomId,
                            MediaException.in(cause).map(Throwable::getMessage).orElse(String.valueOf(cause)));
                    if (rooms.isRunning()) {
                        rooms.open(roomId, session);
                    }
                }
            } catch (RuntimeException failed) {
                log.warn("room {}: the takeover could not be completed: {}", roomId, failed.toString());
            } finally {
                settled.complete(null);
            }
        });
        return true;
    }
}
