package org.lianxin.signaling.protocol;

import static org.lianxin.signaling.protocol.ProtocolNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lianxin.signaling.media.IceCandidate;

/** How the codec writes the values inside messages (participants, streams, ICE servers, lobby, link stats). */
final class WireValues {

    private WireValues() {
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static Map<String, Object> participant(ParticipantInfo p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(ID, p.id());
        o.put(DISPLAY_NAME, p.displayName());
        o.put(ROLE, wire(p.role()));
        o.put(CONNECTED, p.connected());
        o.put(PUBLISHING, p.publishing());
        o.put(AUDIO_MUTED, p.audioMuted());
        o.put(VIDEO_MUTED, p.videoMuted());
        return o;
    }

    /** The streams of an offer: which participant's medium is on which mid. */
    static List<Object> offeredStreams(List<OfferedStream> list) {
        List<Object> streams = new ArrayList<>(list.size());
        for (OfferedStream s : list) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put(MID, s.mid());
            o.put(PARTICIPANT_ID, s.participantId());
            o.put(KIND, wire(s.kind()));
            streams.add(o);
        }
        return streams;
    }

    static List<OfferedStream> offeredStreams(Fields f) throws ProtocolException {
        List<OfferedStream> streams = new ArrayList<>();
        for (Fields s : f.objects(STREAMS)) {
            streams.add(new OfferedStream(s.text(MID, 32), s.id(PARTICIPANT_ID), s.enumValue(KIND, MediaKind.class)));
        }
        return streams;
    }

    static List<Object> participants(List<ParticipantInfo> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (ParticipantInfo p : list) {
            out.add(participant(p));
        }
        return out;
    }

    static List<Object> iceServers(List<IceServer> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (IceServer server : list) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put(URLS, new ArrayList<Object>(server.urls()));
            o.put(USERNAME, server.username());
            o.put(CREDENTIAL, server.credential());
            out.add(o);
        }
        return out;
    }

    static Map<String, Object> lobby(LobbyStatus s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(POSITION, s.position());
        o.put(ESTIMATED_WAIT_SECONDS, s.estimatedWaitSeconds());
        return o;
    }

    static void linkStats(LinkStats s, Map<String, Object> out) {
        out.put(LOSS_PERCENT, s.lossPercent());
        out.put(SEND_LOSS_PERCENT, s.sendLossPercent());
        out.put(RTT_MS, s.rttMs());
        out.put(IN_KBPS, s.inKbps());
        out.put(OUT_KBPS, s.outKbps());
        out.put(FREEZES, s.freezes());
    }

    static Map<String, Object> candidate(IceCandidate c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(CANDIDATE, c.candidate());
        o.put(SDP_MID, c.sdpMid());
        o.put(SDP_MLINE_INDEX, c.sdpMLineIndex());
        return o;
    }
}
