package org.lianxin.signaling.protocol;

import static org.lianxin.signaling.protocol.ProtocolNames.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.token.Role;

/**
 * The one codec of the browser protocol: client messages from JSON text, server messages to JSON
 * text; and, for Java clients (tests, load clients), the other two directions.
 *
 * <p>Refusals, each a {@link ProtocolException} with its code: longer than the size limit (in
 * UTF-8 bytes) → {@link ErrorCode#TRANSPORT_TOO_LARGE}; not a JSON object →
 * {@link ErrorCode#TRANSPORT_MALFORMED}; no or unknown {@code type} →
 * {@link ErrorCode#TRANSPORT_MISSING_FIELD} / {@link ErrorCode#TRANSPORT_UNKNOWN_TYPE}; a
 * required field missing or of the wrong kind → {@link ErrorCode#TRANSPORT_MISSING_FIELD} /
 * {@link ErrorCode#TRANSPORT_INVALID_FIELD}. Unknown fields are ignored (newer clients).
 *
 * <p>Thread-safe and stateless.
 */
public final class ProtocolCodec {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    /** Longest participant id, correlation id or similar short text. */
    static final int MAX_ID_LENGTH = 128;
    /** Most participants in one subscribe. */
    static final int MAX_SUBSCRIBE = 32;

    private final int maxMessageBytes;

    public ProtocolCodec() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    public ProtocolCodec(int maxMessageBytes) {
        if (maxMessageBytes < 256) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 256: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    // ================================================================== public API

    /** Decodes a browser's frame. */
    public Incoming decodeClient(String text) throws ProtocolException {
        Frame frame = frame(text);
        Type<? extends ClientMessage> type = CLIENT_BY_NAME.get(frame.type);
        if (type == null) {
            throw new ProtocolException(ErrorCode.TRANSPORT_UNKNOWN_TYPE, "unknown type", frame.fields.correlation);
        }
        return new Incoming(frame.fields.correlation, type.reader.read(frame.fields));
    }

    /** Encodes a message to a browser. */
    public String encode(ServerMessage message) {
        return write(SERVER_BY_CLASS, message, null);
    }

    /** Encodes a client message (for Java clients and tests), with an optional correlation id. */
    public String encode(ClientMessage message, String correlation) {
        return write(CLIENT_BY_CLASS, message, correlation);
    }

    /** Decodes a server message (for Java clients and tests). */
    public ServerMessage decodeServer(String text) throws ProtocolException {
        Frame frame = frame(text);
        Type<? extends ServerMessage> type = SERVER_BY_NAME.get(frame.type);
        if (type == null) {
            throw new ProtocolException(ErrorCode.TRANSPORT_UNKNOWN_TYPE, "unknown type", frame.fields.correlation);
        }
        return type.reader.read(frame.fields);
    }

    // ================================================================== framing

    private record Frame(String type, Fields fields) {
    }

    private Frame frame(String text) throws ProtocolException {
        if (text == null) {
            throw new ProtocolException(ErrorCode.TRANSPORT_MALFORMED, "empty frame", null);
        }
        if (utf8Length(text) > maxMessageBytes) {
            throw new ProtocolException(ErrorCode.TRANSPORT_TOO_LARGE,
                    "message larger than " + maxMessageBytes + " bytes", null);
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (Json.SyntaxError e) {
            throw new ProtocolException(ErrorCode.TRANSPORT_MALFORMED, "malformed JSON: " + e.getMessage(), null);
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new ProtocolException(ErrorCode.TRANSPORT_MALFORMED, "not a JSON object", null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        Object id = map.get(ID);
        String correlation = id instanceof String s && !s.isEmpty() && s.length() <= MAX_ID_LENGTH ? s : null;
        Fields fields = new Fields(map, "", correlation);
        if (id != null && correlation == null) {
            throw fields.invalid(ID);
        }
        return new Frame(fields.text(TYPE, 64), fields);
    }

    private int utf8Length(String text) {
        int chars = text.length();
        if (chars > maxMessageBytes) {
            return chars; // at least as many bytes as chars
        }
        if ((long) chars * 3 <= maxMessageBytes) {
            return chars; // at most 3 bytes per char: fits either way
        }
        int bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static <M> String write(Map<Class<?>, Type<?>> registry, M message, String correlation) {
        @SuppressWarnings("unchecked")
        Type<M> type = (Type<M>) registry.get(message.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no wire type for " + message.getClass().getName());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(TYPE, type.name);
        if (correlation != null) {
            out.put(ID, correlation);
        }
        type.writer.accept(message, out);
        return Json.write(out);
    }

    // ================================================================== the message types

    @FunctionalInterface
    private interface Reader<T> {
        T read(Fields fields) throws ProtocolException;
    }

    private record Type<T>(String name, Class<T> type, BiConsumer<T, Map<String, Object>> writer, Reader<T> reader) {
    }

    private static final Map<String, Type<? extends ClientMessage>> CLIENT_BY_NAME = new HashMap<>();
    private static final Map<Class<?>, Type<?>> CLIENT_BY_CLASS = new HashMap<>();
    private static final Map<String, Type<? extends ServerMessage>> SERVER_BY_NAME = new HashMap<>();
    private static final Map<Class<?>, Type<?>> SERVER_BY_CLASS = new HashMap<>();

    private static <T extends ClientMessage> void client(String name, Class<T> type,
            BiConsumer<T, Map<String, Object>> writer, Reader<T> reader) {
        Type<T> t = new Type<>(name, type, writer, reader);
        if (CLIENT_BY_NAME.put(name, t) != null || CLIENT_BY_CLASS.put(type, t) != null) {
            throw new IllegalStateException("duplicate client type " + name);
        }
    }

    private static <T extends ServerMessage> void server(String name, Class<T> type,
            BiConsumer<T, Map<String, Object>> writer, Reader<T> reader) {
        Type<T> t = new Type<>(name, type, writer, reader);
        if (SERVER_BY_NAME.put(name, t) != null || SERVER_BY_CLASS.put(type, t) != null) {
            throw new IllegalStateException("duplicate server type " + name);
        }
    }

    static {
        // ---------------------------------------------------------- client → server
        client(JOIN, ClientMessage.Join.class,
                (m, out) -> out.put(TOKEN, m.token()),
                f -> new ClientMessage.Join(f.text(TOKEN, Integer.MAX_VALUE)));
        client(PUBLISH, ClientMessage.Publish.class,
                (m, out) -> out.put(SDP, m.sdp()),
                f -> new ClientMessage.Publish(f.text(SDP, Integer.MAX_VALUE)));
        client(SUBSCRIBE, ClientMessage.Subscribe.class,
                (m, out) -> out.put(PARTICIPANTS, m.participants()),
                f -> new ClientMessage.Subscribe(f.ids(PARTICIPANTS, MAX_SUBSCRIBE)));
        client(ANSWER, ClientMessage.Answer.class,
                (m, out) -> out.put(SDP, m.sdp()),
                f -> new ClientMessage.Answer(f.text(SDP, Integer.MAX_VALUE)));
        client(TRICKLE, ClientMessage.Trickle.class,
                (m, out) -> {
                    out.put(TARGET, wire(m.target()));
                    out.put(CANDIDATE, m.candidate().isCompleted() ? null : candidate(m.candidate()));
                },
                f -> new ClientMessage.Trickle(f.enumValue(TARGET, PeerConnectionKind.class), f.candidate(CANDIDATE)));
        client(RESTART_ICE, ClientMessage.RestartIce.class,
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
        client(ADMIT, ClientMessage.Admit.class,
                (m, out) -> out.put(PARTICIPANT_ID, m.participantId()),
                f -> new ClientMessage.Admit(f.id(PARTICIPANT_ID)));
        client(MUTE, ClientMessage.Mute.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(KIND, wire(m.kind()));
                },
                f -> new ClientMessage.Mute(f.id(PARTICIPANT_ID), f.enumValue(KIND, MediaKind.class)));
        client(UNMUTE, ClientMessage.Unmute.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(KIND, wire(m.kind()));
                },
                f -> new ClientMessage.Unmute(f.id(PARTICIPANT_ID), f.enumValue(KIND, MediaKind.class)));
        client(REMOVE, ClientMessage.Remove.class,
                (m, out) -> out.put(PARTICIPANT_ID, m.participantId()),
                f -> new ClientMessage.Remove(f.id(PARTICIPANT_ID)));
        client(END, ClientMessage.End.class, (m, out) -> { }, f -> new ClientMessage.End());
        client(LEAVE, ClientMessage.Leave.class, (m, out) -> { }, f -> new ClientMessage.Leave());
        client(HEARTBEAT, ClientMessage.Heartbeat.class, (m, out) -> { }, f -> new ClientMessage.Heartbeat());
        client(PREPARE_RECEIVE, ClientMessage.PrepareReceive.class, (m, out) -> { },
                f -> new ClientMessage.PrepareReceive());
        client(RENEW_ICE_SERVERS, ClientMessage.RenewIceServers.class, (m, out) -> { },
                f -> new ClientMessage.RenewIceServers());
        client(MEDIA_PATH, ClientMessage.MediaPath.class,
                (m, out) -> {
                    out.put(OK, m.ok());
                    out.put(ROUTE, wire(m.route()));
                },
                f -> new ClientMessage.MediaPath(f.bool(OK), f.enumValue(ROUTE, MediaRoute.class)));
        client(LINK_REPORT, ClientMessage.LinkReport.class,
                (m, out) -> linkStats(m.stats(), out),
                f -> new ClientMessage.LinkReport(f.linkStats()));

        // ---------------------------------------------------------- server → client
        server(JOINED, ServerMessage.Joined.class,
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
        server(LOBBY, ServerMessage.Lobby.class,
                (m, out) -> out.putAll(lobby(m.status())),
                f -> new ServerMessage.Lobby(f.lobby()));
        server(ADMITTED, ServerMessage.Admitted.class,
                (m, out) -> out.put(PARTICIPANTS, participants(m.participants())),
                f -> new ServerMessage.Admitted(f.participants(PARTICIPANTS)));
        server(PARTICIPANT_JOINED, ServerMessage.ParticipantJoined.class,
                (m, out) -> out.put(PARTICIPANT, participant(m.participant())),
                f -> new ServerMessage.ParticipantJoined(f.object(PARTICIPANT).participant()));
        server(PARTICIPANT_WAITING, ServerMessage.ParticipantWaiting.class,
                (m, out) -> out.put(PARTICIPANT, participant(m.participant())),
                f -> new ServerMessage.ParticipantWaiting(f.object(PARTICIPANT).participant()));
        server(PARTICIPANT_LEFT, ServerMessage.ParticipantLeft.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(REASON, wire(m.reason()));
                },
                f -> new ServerMessage.ParticipantLeft(f.id(PARTICIPANT_ID),
                        f.enumValue(REASON, ServerMessage.LeaveReason.class)));
        server(PARTICIPANT_CONNECTION, ServerMessage.ParticipantConnection.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(CONNECTED, m.connected());
                },
                f -> new ServerMessage.ParticipantConnection(f.id(PARTICIPANT_ID), f.bool(CONNECTED)));
        server(PARTICIPANT_PUBLISHING, ServerMessage.ParticipantPublishing.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(PUBLISHING, m.publishing());
                },
                f -> new ServerMessage.ParticipantPublishing(f.id(PARTICIPANT_ID), f.bool(PUBLISHING)));
        server(MUTED, ServerMessage.Muted.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(KIND, wire(m.kind()));
                    out.put(MUTED_FLAG, m.muted());
                },
                f -> new ServerMessage.Muted(f.id(PARTICIPANT_ID), f.enumValue(KIND, MediaKind.class),
                        f.bool(MUTED_FLAG)));
        server(REMOVED, ServerMessage.Removed.class, (m, out) -> { }, f -> new ServerMessage.Removed());
        server(ENDED, ServerMessage.Ended.class,
                (m, out) -> out.put(REASON, wire(m.reason())),
                f -> new ServerMessage.Ended(f.enumValue(REASON, ServerMessage.EndReason.class)));
        server(OFFER, ServerMessage.Offer.class,
                (m, out) -> {
                    out.put(SDP, m.sdp());
                    out.put(STREAMS, offeredStreams(m.streams()));
                },
                f -> new ServerMessage.Offer(f.text(SDP, Integer.MAX_VALUE), offeredStreams(f)));
        server(OFFER_UPDATE, ServerMessage.OfferUpdate.class,
                (m, out) -> {
                    out.put(SDP, m.sdp());
                    out.put(STREAMS, offeredStreams(m.streams()));
                },
                f -> new ServerMessage.OfferUpdate(f.isNull(SDP) ? null : f.text(SDP, Integer.MAX_VALUE),
                        offeredStreams(f)));
        server(RESTART_OFFER, ServerMessage.RestartOffer.class,
                (m, out) -> out.put(SDP, m.sdp()),
                f -> new ServerMessage.RestartOffer(f.text(SDP, Integer.MAX_VALUE)));
        server(ANSWER, ServerMessage.Answer.class,
                (m, out) -> out.put(SDP, m.sdp()),
                f -> new ServerMessage.Answer(f.text(SDP, Integer.MAX_VALUE)));
        server(ERROR, ServerMessage.Failure.class,
                (m, out) -> {
                    out.put(CODE, m.code().number());
                    out.put(NAME, m.code().name());
                    out.put(MESSAGE, m.message());
                    out.put(CORRELATION, m.correlation());
                },
                f -> new ServerMessage.Failure(f.errorCode(CODE), f.text(MESSAGE, Integer.MAX_VALUE),
                        f.isNull(CORRELATION) ? null : f.text(CORRELATION, MAX_ID_LENGTH)));
        server(ICE_SERVERS_RENEWED, ServerMessage.IceServersRenewed.class,
                (m, out) -> out.put(ICE_SERVERS, iceServers(m.iceServers())),
                f -> new ServerMessage.IceServersRenewed(f.isNull(ICE_SERVERS) ? List.of() : f.iceServers(ICE_SERVERS)));
        server(PARTICIPANT_MEDIA_PATH, ServerMessage.ParticipantMediaPath.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(OK, m.ok());
                    out.put(ROUTE, wire(m.route()));
                },
                f -> new ServerMessage.ParticipantMediaPath(f.id(PARTICIPANT_ID), f.bool(OK),
                        f.enumValue(ROUTE, MediaRoute.class)));
        server(HEARTBEAT_ACK, ServerMessage.HeartbeatAck.class, (m, out) -> { },
                f -> new ServerMessage.HeartbeatAck());
        server(MEDIA_RESTARTED, ServerMessage.MediaRestarted.class, (m, out) -> { },
                f -> new ServerMessage.MediaRestarted());
        server(PREPARE_MEDIA, ServerMessage.PrepareMedia.class, (m, out) -> { },
                f -> new ServerMessage.PrepareMedia());
        server(LINK_QUALITY, ServerMessage.LinkQuality.class,
                (m, out) -> {
                    out.put(PARTICIPANT_ID, m.participantId());
                    out.put(LEVEL, wire(m.level()));
                    linkStats(m.stats(), out);
                },
                f -> new ServerMessage.LinkQuality(f.id(PARTICIPANT_ID), f.enumValue(LEVEL, LinkLevel.class),
                        f.linkStats()));

        checkEveryRecordHasAWireName(ClientMessage.class, CLIENT_BY_CLASS);
        checkEveryRecordHasAWireName(ServerMessage.class, SERVER_BY_CLASS);
    }

    private static void checkEveryRecordHasAWireName(Class<?> sealed, Map<Class<?>, Type<?>> registry) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (!registry.containsKey(c)) {
                throw new IllegalStateException("no wire name for " + c.getName());
            }
        }
    }

    // ================================================================== writing helpers

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> participant(ParticipantInfo p) {
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
    private static List<Object> offeredStreams(List<OfferedStream> list) {
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

    private static List<OfferedStream> offeredStreams(Fields f) throws ProtocolException {
        List<OfferedStream> streams = new ArrayList<>();
        for (Fields s : f.objects(STREAMS)) {
            streams.add(new OfferedStream(s.text(MID, 32), s.id(PARTICIPANT_ID), s.enumValue(KIND, MediaKind.class)));
        }
        return streams;
    }

    private static List<Object> participants(List<ParticipantInfo> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (ParticipantInfo p : list) {
            out.add(participant(p));
        }
        return out;
    }

    private static List<Object> iceServers(List<IceServer> list) {
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

    private static Map<String, Object> lobby(LobbyStatus s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(POSITION, s.position());
        o.put(ESTIMATED_WAIT_SECONDS, s.estimatedWaitSeconds());
        return o;
    }

    private static void linkStats(LinkStats s, Map<String, Object> out) {
        out.put(LOSS_PERCENT, s.lossPercent());
        out.put(SEND_LOSS_PERCENT, s.sendLossPercent());
        out.put(RTT_MS, s.rttMs());
        out.put(IN_KBPS, s.inKbps());
        out.put(OUT_KBPS, s.outKbps());
        out.put(FREEZES, s.freezes());
    }

    private static Map<String, Object> candidate(IceCandidate c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(CANDIDATE, c.candidate());
        o.put(SDP_MID, c.sdpMid());
        o.put(SDP_MLINE_INDEX, c.sdpMLineIndex());
        return o;
    }

    // ================================================================== reading helpers

    /** A JSON object being read, with errors naming the field's path. */
    private static final class Fields {
        private final Map<String, Object> map;
        private final String path;
        private final String correlation;

        Fields(Map<String, Object> map, String path, String correlation) {
            this.map = map;
            this.path = path;
            this.correlation = correlation;
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
            return text(name, MAX_ID_LENGTH);
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
                if (wire(e).equals(s)) {
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
                if (!(o instanceof String s) || s.isBlank() || s.length() > MAX_ID_LENGTH || out.contains(s)) {
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
}
