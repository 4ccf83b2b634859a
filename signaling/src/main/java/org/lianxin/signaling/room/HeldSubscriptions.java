package org.lianxin.signaling.room;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lianxin.signaling.token.Role;

/**
 * Subscriptions held ahead, paused (issue 10, instant admission): while a petitioner waits in the lobby, each end's
 * receiving connection (made ahead, {@link ReceivingConnection}) already carries the streams it will receive once the
 * host admits it, with the media node sending nothing of them; the admission then only turns sending on
 * ({@link MediaAction.ResumeHeld}, a keyframe at once), with no renegotiation.
 * <ul>
 * <li>A waiting PETITIONER holds the feeds of everyone admitted who publishes (it will see them all: observers do
 * not publish).</li>
 * <li>Someone admitted who sees the lobby (not a petitioner) holds the feed of every waiting participant whose
 * feed is up (published to nobody, {@link LobbyPublishing}).</li>
 * <li>Only a participant that made its receiving connection holds anything; a new connection holds nothing until
 * told again.</li>
 * </ul>
 * Privacy: nothing held is sent before admission, and the participant is not told whose the held streams are.
 *
 * <p>Part of {@link Room}'s state: pure, not thread-safe, called under the room's lock. It returns
 * {@link MediaAction.HoldPaused} only for the participants whose list changed since it last told the media layer.
 */
final class HeldSubscriptions {

    /** A member as this rule sees it: whether it is admitted and whether its feed is up (published). */
    record Party(String id, Role role, boolean admitted, boolean feedUp) {
    }

    /** Participants with a receiving connection made ahead. */
    private final Set<String> receiving = new HashSet<>();
    /** The held publishers of each participant, as last told to the media layer. */
    private final Map<String, List<String>> told = new HashMap<>();

    /** The participant (re)made its receiving connection ahead: the new connection holds nothing yet. */
    void prepared(String participantId) {
        receiving.add(participantId);
        told.remove(participantId);
    }

    /** What each participant with a receiving connection is to hold paused (participants in {@code parties}' order). */
    static Map<String, List<String>> wanted(Collection<Party> parties, Set<String> receiving) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Party r : parties) {
            if (!receiving.contains(r.id())) {
                continue;
            }
            List<String> hold = new ArrayList<>();
            boolean waitingPetitioner = !r.admitted() && r.role() == Role.PETITIONER;
            boolean seesLobby = r.admitted() && r.role() != Role.PETITIONER && r.role() != Role.OBSERVER;
            for (Party p : parties) {
                if (p == r || !p.feedUp()) {
                    continue;
                }
                if (waitingPetitioner && p.admitted() && p.role() != Role.OBSERVER) {
                    hold.add(p.id());
                } else if (seesLobby && !p.admitted()) {
                    hold.add(p.id());
                }
            }
            out.put(r.id(), List.copyOf(hold));
        }
        return out;
    }

    /** A {@link MediaAction.HoldPaused} for each participant whose held publishers changed. */
    Transition.Builder reconcile(Collection<Party> parties, Transition.Builder t) {
        Map<String, List<String>> want = wanted(parties, receiving);
        told.keySet().retainAll(want.keySet());
        for (Map.Entry<String, List<String>> w : want.entrySet()) {
            if (!w.getValue().equals(told.getOrDefault(w.getKey(), List.of()))) {
                told.put(w.getKey(), w.getValue());
                t.media(new MediaAction.HoldPaused(w.getKey(), w.getValue()));
            }
        }
        return t;
    }

    /**
     * The participant was admitted: what was held for the admission is sent from now on — on its own connection the
     * publishers it held, on each connection that held its feed that feed ({@link MediaAction.ResumeHeld}). Call
     * {@link #reconcile} after it.
     */
    Transition.Builder admitted(String participantId, Transition.Builder t) {
        List<String> own = told.remove(participantId);
        if (own != null && !own.isEmpty()) {
            t.media(new MediaAction.ResumeHeld(participantId, own));
        }
        for (Map.Entry<String, List<String>> e : told.entrySet()) {
            if (e.getValue().contains(participantId)) {
                t.media(new MediaAction.ResumeHeld(e.getKey(), List.of(participantId)));
                List<String> rest = new ArrayList<>(e.getValue());
                rest.remove(participantId);
                e.setValue(List.copyOf(rest));
            }
        }
        return t;
    }

    /** The participant left (its connections are closed), or lost every endpoint with the node. */
    void forget(String participantId) {
        receiving.remove(participantId);
        told.remove(participantId);
    }

    /** The media node was lost, or the session ended: no connection holds anything. */
    void clear() {
        receiving.clear();
        told.clear();
    }

    /** What the participant holds, as last told (for tests and diagnostics). */
    List<String> held(String participantId) {
        return told.getOrDefault(participantId, List.of());
    }
}
