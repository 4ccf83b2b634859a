package org.lianxin.signaling.protocol;

import static org.lianxin.signaling.protocol.ProtocolNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.token.Role;

/** A JSON object being read, with errors naming the field's path. */
final class Fields {
    private final Map<String, Object> map;
    private final String path;
    private final String correlation;

    Fields(Map<String, Object> map, String path, String correlation) {
        this.map = map;
        this.path = path;
        this.correlation = correlation;
    }

    String correlation() {
        return correlation;
    }

    ProtocolException missing(String name) {
        return new ProtocolException(ErrorCode.TRANSPORT_MISSING_FIELD, "missing field " + path + name, correlation);
    }

    ProtocolException invalid(String name) {
        return new ProtocolException(ErrorCode.TRANSPORT_INVALID_FIELD, "invalid field " + path + name, correlation);
    }

    private Object required(String name) throws ProtocolException {
        if (!map.containsKey(name)) {
            throw missing(name);
        }
        Object value = map.get(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    boolean isNull(String name) {
        return map.get(name) == null;
    }

    /** A non-blank string of at most {@code maxLength} characters. */
    String text(String name, int maxLength) throws ProtocolException {
        if (!(required(name) instanceof String s) || s.isBlank() || s.length() > maxLength) {
            throw invalid(name);
        }
        return s;
    }

    String id(String name) throws ProtocolException {
        return text(name, ProtocolCodec.MAX_ID_LENGTH);
    }

    boolean bool(String name) throws ProtocolException {
        if (!(required(name) instanceof Boolean b)) {
            throw invalid(name);
        }
        return b;
    }

    long integer(String name, long min, long max) throws ProtocolException {
        Object value = required(name);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw invalid(name);
        }
        long l = ((Number) value).longValue();
        if (l < min || l > max) {
            throw invalid(name);
        }
        return l;
    }

    /** A finite JSON number (integral or not) within [min, max]. */
    double decimal(String name, double min, double max) throws ProtocolException {
        Object value = required(name);
        if (!(value instanceof Integer || value instanceof Long || value instanceof Double)) {
            throw invalid(name);
        }
        double d = ((Number) value).doubleValue();
        if (!Double.isFinite(d) || d < min || d > max) {
            throw invalid(name);
        }
        return d;
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) throws ProtocolException {
        String s = text(name, 64);
        for (E e : type.getEnumConstants()) {
            if (WireValues.wire(e).equals(s)) {
                return e;
            }
        }
        throw invalid(name);
    }

    ErrorCode errorCode(String name) throws ProtocolException {
        return ErrorCode.ofNumber((int) integer(name, 100, 999)).orElseThrow(() -> invalid(name));
    }

    private List<?> list(String name) throws ProtocolException {
        if (!(required(name) instanceof List<?> list)) {
            throw invalid(name);
        }
        return list;
    }

    List<String> ids(String name, int maxItems) throws ProtocolException {
        List<?> list = list(name);
        if (list.isEmpty() || list.size() > maxItems) {
            throw invalid(name);
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank() || s.length() > ProtocolCodec.MAX_ID_LENGTH || out.contains(s)) {
                throw invalid(name);
            }
            out.add(s);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    Fields object(String name) throws ProtocolException {
        if (!(required(name) instanceof Map<?, ?> m)) {
            throw invalid(name);
        }
        return new Fields((Map<String, Object>) m, path + name + ".", correlation);
    }

    @SuppressWarnings("unchecked")
    List<Fields> objects(String name) throws ProtocolException {
        List<?> list = list(name);
        List<Fields> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw invalid(name);
            }
            out.add(new Fields((Map<String, Object>) m, path + name + "[" + i + "].", correlation));
        }
        return out;
    }

    /** An ICE candidate object, or an explicit null for the end of candidates. */
    IceCandidate candidate(String name) throws ProtocolException {
        if (!map.containsKey(name)) {
            throw missing(name);
        }
        if (map.get(name) == null) {
            return IceCandidate.completed();
        }
        Fields c = object(name);
        String candidate;
        if (!(c.required(CANDIDATE) instanceof String s) || s.length() > 1024) {
            throw c.invalid(CANDIDATE);
        }
        candidate = s;
        String mid = null;
        if (!c.isNull(SDP_MID)) {
            mid = c.text(SDP_MID, 32);
        }
        Integer index = null;
        if (!c.isNull(SDP_MLINE_INDEX)) {
            index = (int) c.integer(SDP_MLINE_INDEX, 0, 255);
        }
        if (mid == null && index == null) {
            throw c.missing(SDP_MID);
        }
        return new IceCandidate(candidate, mid, index);
    }

    ParticipantInfo participant() throws ProtocolException {
        return new ParticipantInfo(id(ID), text(DISPLAY_NAME, 200), enumValue(ROLE, Role.class), bool(CONNECTED),
                bool(PUBLISHING), bool(AUDIO_MUTED), bool(VIDEO_MUTED));
    }

    List<ParticipantInfo> participants(String name) throws ProtocolException {
        List<ParticipantInfo> out = new ArrayList<>();
        for (Fields p : objects(name)) {
            out.add(p.participant());
        }
        return out;
    }

    List<IceServer> iceServers(String name) throws ProtocolException {
        List<IceServer> out = new ArrayList<>();
        for (Fields server : objects(name)) {
            List<String> urls = new ArrayList<>();
            for (Object url : server.list(URLS)) {
                if (!(url instanceof String u) || u.isBlank() || u.length() > 512) {
                    throw server.invalid(URLS);
                }
                urls.add(u);
            }
            if (urls.isEmpty()) {
                throw server.invalid(URLS);
            }
            out.add(new IceServer(urls, server.text(USERNAME, 512), server.text(CREDENTIAL, 512)));
        }
        return out;
    }

    /** The fields of a link report; rttMs may be null (not measured yet), sendLossPercent left out (0). */
    LinkStats linkStats() throws ProtocolException {
        Integer rtt = isNull(RTT_MS) ? null : (int) integer(RTT_MS, 0, LinkStats.MAX_RTT_MS);
        double sendLoss = isNull(SEND_LOSS_PERCENT) ? 0 : decimal(SEND_LOSS_PERCENT, 0, LinkStats.MAX_LOSS_PERCENT);
        return new LinkStats(decimal(LOSS_PERCENT, 0, LinkStats.MAX_LOSS_PERCENT), sendLoss, rtt,
                (int) integer(IN_KBPS, 0, LinkStats.MAX_KBPS), (int) integer(OUT_KBPS, 0, LinkStats.MAX_KBPS),
                (int) integer(FREEZES, 0, LinkStats.MAX_FREEZES));
    }

    LobbyStatus lobby() throws ProtocolException {
        return new LobbyStatus((int) integer(POSITION, 1, Integer.MAX_VALUE),
                integer(ESTIMATED_WAIT_SECONDS, 0, Long.MAX_VALUE));
    }
}
