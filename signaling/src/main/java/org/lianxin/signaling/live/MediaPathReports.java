package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.Room;
import org.lianxin.signaling.token.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A browser's report that its media path to the media node failed or works again ({@link ClientMessage.MediaPath}),
 * passed on to the staff in the room — the host and the officials in the session, never the petitioner or an observer
 * — as {@link ServerMessage.ParticipantMediaPath}, so that the leader's console can say why the terminal's video is
 * gone (for example: the TURN relay is unreachable). A change of state only: a repeated report sends nothing. A staff
 * member who joins while a participant's path is down is told at once. Only a joined, admitted participant reports;
 * from the lobby nothing is sent (no media flows there yet). Guarded by the room's lock (its caller holds it).
 */
final class MediaPathReports {

    private static final Logger log = LoggerFactory.getLogger(MediaPathReports.class);

    private final String roomId;
    private final RoomConnections connections;
    /** The participants whose path is down now, and how it went. */
    private final Map<String, ServerMessage.ParticipantMediaPath> down = new HashMap<>();

    MediaPathReports(String roomId, RoomConnections connections) {
        this.roomId = roomId;
        this.connections = connections;
    }

    /** A report from {@code participantId}; returns a refusal to send back, or empty. */
    Optional<ErrorCode> report(Room room, String participantId, ClientMessage.MediaPath report) {
        Optional<Room.MemberView> sender = room.member(participantId);
        if (sender.isEmpty() || !sender.get().info().connected()) {
            return Optional.of(ErrorCode.ROOM_NOT_JOINED);
        }
        if (sender.get().inLobby()) {
            return Optional.empty(); // no media from the lobby: nothing to tell
        }
        ServerMessage.ParticipantMediaPath message =
                new ServerMessage.ParticipantMediaPath(participantId, report.ok(), report.route());
        boolean wasDown = down.containsKey(participantId);
        if (report.ok() == !wasDown) {
            return Optional.empty(); // no change
        }
        if (report.ok()) {
            down.remove(participantId);
            log.info("room {}: {}'s media path works again ({})", roomId, participantId, report.route());
        } else {
            down.put(participantId, message);
            log.warn("room {}: {}'s media path failed ({})", roomId, participantId, report.route());
        }
        for (String staff : staff(room, participantId)) {
            connections.send(staff, message);
        }
        return Optional.empty();
    }

    /** A participant joined or resumed: a staff member hears of every path that is down now. */
    void joined(Room room, String participantId) {
        if (!staff(room, null).contains(participantId)) {
            return;
        }
        for (ServerMessage.ParticipantMediaPath m : down.values()) {
            if (!m.participantId().equals(participantId)) {
                connections.send(participantId, m);
            }
        }
    }

    /** The participant left the room (or its connection is gone): its state is forgotten. */
    void forget(String participantId) {
        down.remove(participantId);
    }

    private static List<String> staff(Room room, String except) {
        List<String> out = new ArrayList<>();
        for (Room.MemberView m : room.members()) {
            Role role = m.info().role();
            if ((role == Role.HOST || role == Role.OFFICIAL) && !m.inLobby() && m.info().connected()
                    && !m.info().id().equals(except)) {
                out.add(m.info().id());
            }
        }
        return out;
    }
}
