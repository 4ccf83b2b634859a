package org.lianxin.signaling.protocol;

import static org.lianxin.signaling.protocol.ProtocolNames.*;
import static org.lianxin.signaling.protocol.WireValues.*;

import java.util.List;

/** The server → client message types: wire names, writers and readers. */
final class ServerTypes {

    static final WireType.Registry<ServerMessage> TYPES = new WireType.Registry<>("server");

    private ServerTypes() {
    }

    static {
        // ---------------------------------------------------------- server → client
        TYPES.add(JOINED, ServerMessage.Joined.class,
                (m, out) -> {
                    out.put(YOU, participant(m.you()));
                    out.put(PARTICIPANTS, participants(m.participants()));
                    out.put(WAITING, participants(m.waiting()));
                    out.put(LOBBY_STATUS, m.lobby() == null ? null : lobby(m.lobby()));
                    out.put(RESUMED, m.resumed());
                    out.put(ICE_SERVERS, iceServers(m.iceServers()));
                },
                f -> new ServerMessage.Joined(f.object(YOU).participant(), f.participants(PARTICIPANTS),
                        f.participants(WAITING), f.isNull(LOBBY_STATUS) ? null : f.object(LOBBY_STATUS).lobby(),
                        f.bool(RESUMED), f.isNull(ICE_SERVERS) ? List.of() : f.iceServers(ICE_SERVERS)));
        TYPES.add(LOBBY, ServerMessage.Lobby.class,
                (m, out) -> out.putAll(lobby(m.status())),
                f -> new ServerMessage.Lobby(f.lobby()));
        TYPES.add(ADMITTED, ServerMessage.Admitted.class,
                (m, out) -> out.put(PARTICIPANTS, participants(m.participants())),
                f -> new ServerMessage.Admitted(f.participants(PARTICIPANTS)));
        TYPES.add(PARTICIPANT_JOINED, ServerMessage.ParticipantJoined.class,
                (m, out) -> out.put(PARTICIPANT, participant(m.participant())),
                f -> new ServerMessage.ParticipantJoined(f.object(PARTICIPANT).participant()));
        TYPES.add(PARTICIPANT_WAITING, ServerMessage.ParticipantWaiting.class,
                (m, out) -> out.put(PARTICIPANT, participant(m.participant())),
                f -> new ServerMessage.ParticipantWaiting(f.object(PARTICIPANT).participant()));
        TYPES.add(PARTICIPANT_LEFT, ServerMessage.ParticipantLeft.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(REASON, wire(m.reason()));
                },
                f -> new ServerMessage.ParticipantLeft(f.id(PARTICIPANT_ID),
                        f.enumValue(REASON, ServerMessage.LeaveReason.class)));
        TYPES.add(PARTICIPANT_CONNECTION, ServerMessage.ParticipantConnection.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(CONNECTED, m.connected());
                },
                f -> new ServerMessage.ParticipantConnection(f.id(PARTICIPANT_ID), f.bool(CONNECTED)));
        TYPES.add(PARTICIPANT_PUBLISHING, ServerMessage.ParticipantPublishing.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(PUBLISHING, m.publishing());
                },
                f -> new ServerMessage.ParticipantPublishing(f.id(PARTICIPANT_ID), f.bool(PUBLISHING)));
        TYPES.add(MUTED, ServerMessage.Muted.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(KIND, wire(m.kind()));
                    out.put(MUTED_FLAG, m.muted());
                },
                f -> new ServerMessage.Muted(f.id(PARTICIPANT_ID), f.enumValue(KIND, MediaKind.class),
                        f.bool(MUTED_FLAG)));
        TYPES.add(REMOVED, ServerMessage.Removed.class, (m, out) -> { }, f -> new ServerMessage.Removed());
        TYPES.add(ENDED, ServerMessage.Ended.class,
                (m, out) -> out.put(REASON, wire(m.reason())),
                f -> new ServerMessage.Ended(f.enumValue(REASON, ServerMessage.EndReason.class)));
        TYPES.add(OFFER, ServerMessage.Offer.class,
                (m, out) -> {
                    out.put(SDP, m.sdp());
                    out.put(STREAMS, offeredStreams(m.streams()));
                },
                f -> new ServerMessage.Offer(f.text(SDP, Integer.MAX_VALUE), offeredStreams(f)));
        TYPES.add(OFFER_UPDATE, ServerMessage.OfferUpdate.class,
                (m, out) -> {
                    out.put(SDP, m.sdp());
                    out.put(STREAMS, offeredStreams(m.streams()));
                },
                f -> new ServerMessage.OfferUpdate(f.isNull(SDP) ? null : f.text(SDP, Integer.MAX_VALUE),
                        offeredStreams(f)));
        TYPES.add(RESTART_OFFER, ServerMessage.RestartOffer.class,
                (m, out) -> out.put(SDP, m.sdp()),
                f -> new ServerMessage.RestartOffer(f.text(SDP, Integer.MAX_VALUE)));
        TYPES.add(ANSWER, ServerMessage.Answer.class,
                (m, out) -> out.put(SDP, m.sdp()),
                f -> new ServerMessage.Answer(f.text(SDP, Integer.MAX_VALUE)));
        TYPES.add(ERROR, ServerMessage.Failure.class,
                (m, out) -> {
                    out.put(CODE, m.code().number());
                    out.put(NAME, m.code().name());
                    out.put(MESSAGE, m.message());
                    out.put(CORRELATION, m.correlation());
                },
                f -> new ServerMessage.Failure(f.errorCode(CODE), f.text(MESSAGE, Integer.MAX_VALUE),
                        f.isNull(CORRELATION) ? null : f.text(CORRELATION, ProtocolCodec.MAX_ID_LENGTH)));
        TYPES.add(ICE_SERVERS_RENEWED, ServerMessage.IceServersRenewed.class,
                (m, out) -> out.put(ICE_SERVERS, iceServers(m.iceServers())),
                f -> new ServerMessage.IceServersRenewed(f.isNull(ICE_SERVERS) ? List.of() : f.iceServers(ICE_SERVERS)));
        TYPES.add(PARTICIPANT_MEDIA_PATH, ServerMessage.ParticipantMediaPath.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(OK, m.ok());
                    out.put(ROUTE, wire(m.route()));
                },
                f -> new ServerMessage.ParticipantMediaPath(f.id(PARTICIPANT_ID), f.bool(OK),
                        f.enumValue(ROUTE, MediaRoute.class)));
        TYPES.add(HEARTBEAT_ACK, ServerMessage.HeartbeatAck.class, (m, out) -> { },
                f -> new ServerMessage.HeartbeatAck());
        TYPES.add(MEDIA_RESTARTED, ServerMessage.MediaRestarted.class, (m, out) -> { },
                f -> new ServerMessage.MediaRestarted());
        TYPES.add(PREPARE_MEDIA, ServerMessage.PrepareMedia.class, (m, out) -> { },
                f -> new ServerMessage.PrepareMedia());
        TYPES.add(VIDEO_RESUMED, ServerMessage.VideoResumed.class, (m, out) -> { },
                f -> new ServerMessage.VideoResumed());
        TYPES.add(LINK_QUALITY, ServerMessage.LinkQuality.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(LEVEL, wire(m.level()));
                    linkStats(m.stats(), out);
                },
                f -> new ServerMessage.LinkQuality(f.id(PARTICIPANT_ID), f.enumValue(LEVEL, LinkLevel.class),
                        f.linkStats()));

        TYPES.checkEveryRecordHasAWireName(ServerMessage.class);
    }
}
