package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.RoomClaim;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.room.Room;

/**
 * A live room taken over from a lost application instance with its media kept (issue 14), read from what that instance
 * recorded ({@link RoomMediaJournal.State}): the claim of its media session, the participants' places to hold while
 * their browsers reconnect, and the endpoints each had. Pure: no calls to the node.
 */
final class RoomTakeover {
    private RoomTakeover() {
    }

    /** The node's room as it was made (same id and secret). */
    static NodeRoom nodeRoom(RoomMediaJournal.State taken) {
        return new NodeRoom(new MediaRoomId(taken.nodeRoom()), taken.nodeRoomSecret());
    }

    /** The claim of the room's session on its node, with every recorded endpoint. */
    static RoomClaim claim(RoomMediaJournal.State taken) {
        List<RoomClaim.Endpoint> list = new ArrayList<>();
        for (RoomMediaJournal.Endpoint e : taken.endpoints()) {
            list.add(new RoomClaim.Endpoint(new EndpointId(e.handle()), e.publisher(),
                    e.publisher() ? new FeedId(e.feed()) : null, simulcastMids(e.sections())));
        }
        return new RoomClaim(taken.node(), taken.session(), RoomSpec.of(new MediaRoomId(taken.nodeRoom()),
                taken.nodeRoomSecret()), list);
    }

    /**
     * The places to hold: every recorded member (one of a role this version does not know joins anew, as does a
     * participant with endpoints but no member record: its endpoints are not taken over).
     */
    static List<Room.HeldPlace> places(RoomMediaJournal.State taken) {
        Map<String, Room.HeldPlace> places = new LinkedHashMap<>();
        for (RoomMediaJournal.Member m : taken.members()) {
            // a role this version does not know: that participant joins anew
            m.place().ifPresent(p -> places.put(p.participantId(), p));
        }
        return new ArrayList<>(places.values());
    }

    /**
     * Fills {@code endpoints} with the recorded ones of the held participants: each publisher with its feed and
     * published sections, each subscriber with whom it receives (their feeds from their publishers), answered by its
     * browser long ago (so it can be updated). Endpoints of participants without a held place are left out.
     */
    static void fill(MediaEndpoints endpoints, RoomMediaJournal.State taken, List<Room.HeldPlace> held) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        held.forEach(p -> ids.add(p.participantId()));
        Map<String, FeedId> feeds = new HashMap<>();
        for (RoomMediaJournal.Endpoint e : taken.endpoints()) {
            if (e.publisher() && ids.contains(e.participantId())) {
                MediaEndpoints.Endpoints mine = endpoints.ofOrNew(e.participantId());
                mine.publisher = new EndpointId(e.handle());
                mine.feed = new FeedId(e.feed());
                mine.published = sections(e.sections());
                mine.simulcastMids = simulcastMids(e.sections());
                endpoints.feedOf(mine.feed, e.participantId());
                feeds.put(e.participantId(), mine.feed);
            }
        }
        for (RoomMediaJournal.Endpoint e : taken.endpoints()) {
            if (!e.publisher() && ids.contains(e.participantId())) {
                MediaEndpoints.Endpoints mine = endpoints.ofOrNew(e.participantId());
                mine.subscriber = new EndpointId(e.handle());
                mine.subscribedTo = List.copyOf(e.subscribedTo());
                Map<String, FeedId> to = new LinkedHashMap<>();
                for (String p : e.subscribedTo()) {
                    if (feeds.containsKey(p)) {
                        to.put(p, feeds.get(p));
                    }
                }
                mine.subscribedFeeds = Map.copyOf(to);
                mine.subscriberPrepared = true;
                mine.subscriberAnswered = true;
            }
        }
    }

    private static final String SIMULCAST = ":simulcast";

    /** {@code kind:mid[:simulcast]} strings as sections (malformed ones left out). */
    static List<Sdps.Section> sections(List<String> recorded) {
        List<Sdps.Section> out = new ArrayList<>();
        for (String s : recorded) {
            String plain = s.endsWith(SIMULCAST) ? s.substring(0, s.length() - SIMULCAST.length()) : s;
            int colon = plain.indexOf(':');
            if (colon > 0 && colon < plain.length() - 1) {
                out.add(new Sdps.Section(plain.substring(0, colon), plain.substring(colon + 1)));
            }
        }
        return out;
    }

    /** The mids recorded as sent in several layers. */
    static java.util.Set<String> simulcastMids(List<String> recorded) {
        java.util.Set<String> mids = new java.util.HashSet<>();
        for (Sdps.Section s : sections(recorded.stream().filter(r -> r.endsWith(SIMULCAST)).toList())) {
            mids.add(s.mid());
        }
        return java.util.Set.copyOf(mids);
    }

    /** Sections as {@code kind:mid} strings ({@code :simulcast} after one sent in several layers), for the record. */
    static List<String> recorded(List<Sdps.Section> sections, java.util.Set<String> simulcast) {
        return sections.stream().map(s -> s.kind() + ":" + s.mid()
                + (s.kind().equals("video") && simulcast.contains(s.mid()) ? SIMULCAST : "")).toList();
    }
}
