package org.lianxin.signaling.protocol;

import static org.lianxin.signaling.protocol.ProtocolNames.*;
import static org.lianxin.signaling.protocol.WireValues.*;

/** The client → server message types: wire names, writers and readers. */
final class ClientTypes {

    static final WireType.Registry<ClientMessage> TYPES = new WireType.Registry<>("client");

    private ClientTypes() {
    }

    static {
        // ---------------------------------------------------------- client → server
        TYPES.add(JOIN, ClientMessage.Join.class,
                (m, out) -> out.put(TOKEN, m.token()),
                f -> new ClientMessage.Join(f.text(TOKEN, Integer.MAX_VALUE)));
        TYPES.add(PUBLISH, ClientMessage.Publish.class,
                (m, out) -> out.put(SDP, m.sdp()),
                f -> new ClientMessage.Publish(f.text(SDP, Integer.MAX_VALUE)));
        TYPES.add(SUBSCRIBE, ClientMessage.Subscribe.class,
                (m, out) -> out.put(PARTICIPANTS, m.participants()),
                f -> new ClientMessage.Subscribe(f.ids(PARTICIPANTS, ProtocolCodec.MAX_SUBSCRIBE)));
        TYPES.add(ANSWER, ClientMessage.Answer.class,
                (m, out) -> out.put(SDP, m.sdp()),
                f -> new ClientMessage.Answer(f.text(SDP, Integer.MAX_VALUE)));
        TYPES.add(TRICKLE, ClientMessage.Trickle.class,
                (m, out) -> {
                    out.put(TARGET, wire(m.target()));
                    out.put(CANDIDATE, m.candidate().isCompleted() ? null : candidate(m.candidate()));
                },
                f -> new ClientMessage.Trickle(f.enumValue(TARGET, PeerConnectionKind.class), f.candidate(CANDIDATE)));
        TYPES.add(RESTART_ICE, ClientMessage.RestartIce.class,
                (m, out) -> {
                    out.put(TARGET, wire(m.target()));
                    out.put(SDP, m.sdp());
                },
                f -> {
                    PeerConnectionKind target = f.enumValue(TARGET, PeerConnectionKind.class);
                    if (target == PeerConnectionKind.PUBLISHER) {
                        return new ClientMessage.RestartIce(target, f.text(SDP, Integer.MAX_VALUE));
                    }
                    if (!f.isNull(SDP)) {
                        throw f.invalid(SDP); // the server makes the subscriber connection's offer
                    }
                    return new ClientMessage.RestartIce(target, null);
                });
        TYPES.add(ADMIT, ClientMessage.Admit.class,
                (m, out) -> out.put(PARTICIPANT_ID, m.participantId()),
                f -> new ClientMessage.Admit(f.id(PARTICIPANT_ID)));
        TYPES.add(MUTE, ClientMessage.Mute.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(KIND, wire(m.kind()));
                },
                f -> new ClientMessage.Mute(f.id(PARTICIPANT_ID), f.enumValue(KIND, MediaKind.class)));
        TYPES.add(UNMUTE, ClientMessage.Unmute.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(KIND, wire(m.kind()));
                },
                f -> new ClientMessage.Unmute(f.id(PARTICIPANT_ID), f.enumValue(KIND, MediaKind.class)));
        TYPES.add(REMOVE, ClientMessage.Remove.class,
                (m, out) -> out.put(PARTICIPANT_ID, m.participantId()),
                f -> new ClientMessage.Remove(f.id(PARTICIPANT_ID)));
        TYPES.add(END, ClientMessage.End.class, (m, out) -> { }, f -> new ClientMessage.End());
        TYPES.add(LEAVE, ClientMessage.Leave.class, (m, out) -> { }, f -> new ClientMessage.Leave());
        TYPES.add(HEARTBEAT, ClientMessage.Heartbeat.class, (m, out) -> { }, f -> new ClientMessage.Heartbeat());
        TYPES.add(PREPARE_RECEIVE, ClientMessage.PrepareReceive.class, (m, out) -> { },
                f -> new ClientMessage.PrepareReceive());
        TYPES.add(RENEW_ICE_SERVERS, ClientMessage.RenewIceServers.class, (m, out) -> { },
                f -> new ClientMessage.RenewIceServers());
        TYPES.add(MEDIA_PATH, ClientMessage.MediaPath.class,
                (m, out) -> {
                    out.put(OK, m.ok());
                    out.put(ROUTE, wire(m.route()));
                },
                f -> new ClientMessage.MediaPath(f.bool(OK), f.enumValue(ROUTE, MediaRoute.class)));
        TYPES.add(LINK_REPORT, ClientMessage.LinkReport.class,
                (m, out) -> linkStats(m.stats(), out),
                f -> new ClientMessage.LinkReport(f.linkStats()));

        TYPES.checkEveryRecordHasAWireName(ClientMessage.class);
    }
}
