package org.lianxin.signaling.room;

import java.time.Instant;
import org.lianxin.signaling.protocol.LobbyStatus;
import org.lianxin.signaling.protocol.ParticipantInfo;
import org.lianxin.signaling.token.Role;

/** A participant as a {@link Room} holds it (mutable; only the room's own classes touch it). */
final class Member {
    final String id;
    final Role role;
    String displayName;
    boolean admitted;
    long lobbyOrder;
    LobbyStatus lastLobbyStatus;
    ConnectionId connection;
    Instant disconnectedAt;
    boolean publishing;
    boolean audioMuted;
    boolean videoMuted;

    Member(String id, String displayName, Role role) {
        this.id = id;
        this.displayName = displayName;
        this.role = role;
    }

    Instant graceEnd(RoomSettings settings) {
        return disconnectedAt == null ? Instant.MAX : disconnectedAt.plus(settings.reconnectGrace());
    }

    ParticipantInfo info() {
        return new ParticipantInfo(id, displayName, role, connection != null, publishing, audioMuted, videoMuted);
    }

    Room.MemberView view() {
        return new Room.MemberView(info(), !admitted);
    }
}
