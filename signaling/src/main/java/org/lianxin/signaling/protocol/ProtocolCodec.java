package org.lianxin.signaling.protocol;

import static org.lianxin.signaling.protocol.ProtocolNames.*;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * <p>Thread-safe and stateless. The message types of each direction are registered in {@link ClientTypes} and
 * {@link ServerTypes} (each checks that every record of its sealed type has a wire name), their values written by
 * {@link WireValues} and read through {@link Fields}.
 */
public final class ProtocolCodec {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    /** Longest participant id, correlation id or similar short text. */
    static final int MAX_ID_LENGTH = 128;
    /** Most participants in one subscribe. */
    static final int MAX_SUBSCRIBE = 32;

    private static final WireType.Registry<ClientMessage> CLIENT = ClientTypes.TYPES;
    private static final WireType.Registry<ServerMessage> SERVER = ServerTypes.TYPES;

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
        WireType<? extends ClientMessage> type = CLIENT.byName(frame.type);
        if (type == null) {
            throw new ProtocolException(ErrorCode.TRANSPORT_UNKNOWN_TYPE, "unknown type", frame.fields.correlation());
        }
        return new Incoming(frame.fields.correlation(), type.reader().read(frame.fields));
    }

    /** Encodes a message to a browser. */
    public String encode(ServerMessage message) {
        return write(SERVER.byClass(), message, null);
    }

    /** Encodes a client message (for Java clients and tests), with an optional correlation id. */
    public String encode(ClientMessage message, String correlation) {
        return write(CLIENT.byClass(), message, correlation);
    }

    /** Decodes a server message (for Java clients and tests). */
    public ServerMessage decodeServer(String text) throws ProtocolException {
        Frame frame = frame(text);
        WireType<? extends ServerMessage> type = SERVER.byName(frame.type);
        if (type == null) {
            throw new ProtocolException(ErrorCode.TRANSPORT_UNKNOWN_TYPE, "unknown type", frame.fields.correlation());
        }
        return type.reader().read(frame.fields);
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

    private static <M> String write(Map<Class<?>, WireType<?>> registry, M message, String correlation) {
        @SuppressWarnings("unchecked")
        WireType<M> type = (WireType<M>) registry.get(message.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no wire type for " + message.getClass().getName());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(TYPE, type.name());
        if (correlation != null) {
            out.put(ID, correlation);
        }
        type.writer().accept(message, out);
        return Json.write(out);
    }
}
