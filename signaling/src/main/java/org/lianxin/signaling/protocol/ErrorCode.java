package org.lianxin.signaling.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lianxin.signaling.token.TokenRefusal;

/**
 * Numbered errors of the browser protocol, in ranges: 1xx transport (the frame itself),
 * 2xx authentication (the join token), 3xx room (state, roles, participants), 4xx media,
 * 5xx server. Numbers are part of the protocol: never renumber, only add.
 */
public enum ErrorCode {
    // --- 1xx transport ---
    TRANSPORT_MALFORMED(101, "not a JSON object"),
    TRANSPORT_TOO_LARGE(102, "message too large"),
    TRANSPORT_UNKNOWN_TYPE(103, "unknown message type"),
    TRANSPORT_MISSING_FIELD(104, "a required field is missing"),
    TRANSPORT_INVALID_FIELD(105, "a field has an invalid value"),
    TRANSPORT_TOO_FREQUENT(106, "sent too often; slow down"),

    // --- 2xx auth (one per TokenRefusal) ---
    TOKEN_MALFORMED(201, "join token malformed"),
    TOKEN_BAD_SIGNATURE(202, "join token signature invalid"),
    TOKEN_EXPIRED(203, "join token expired"),
    TOKEN_WRONG_ROOM(204, "join token is for another room"),
    TOKEN_NOT_YET_VALID(205, "join token not yet valid"),

    // --- 3xx room ---
    ROOM_NOT_JOINED(301, "join the room first"),
    ROOM_NOT_ALLOWED_FOR_ROLE(302, "not allowed for your role"),
    ROOM_PARTICIPANT_UNKNOWN(303, "no such participant here"),
    ROOM_ENDED(304, "the session has ended"),
    ROOM_IN_LOBBY(305, "waiting in the lobby until the host admits you"),
    ROOM_ALREADY_JOINED(306, "already joined"),
    ROOM_ROLE_NOT_IN_SESSION(307, "this role does not exist in this kind of session"),
    ROOM_PARTICIPANT_REMOVED(308, "you were removed from this session"),
    ROOM_SESSION_MISMATCH(309, "the token is for another session"),
    ROOM_CONNECTION_REPLACED(310, "the same participant joined from another connection"),
    ROOM_ROLE_CONFLICT(311, "this participant is already here with another role"),
    ROOM_NOT_FOUND(312, "no such live room"),
    /**
     * The room lives on another application instance, whose public name is the message: connect again to
     * {@code /ws/signaling?room=<room id>&node=<that name>} (the load balancer routes by it) with the same token.
     */
    ROOM_ELSEWHERE(313, "this room is served by another server"),
    /** The room moved to another application instance (this one lost it): connect and join again, same token. */
    ROOM_MOVED(314, "this room moved to another server; join again"),
    /**
     * The staff account this connection (or its join token) belongs to was changed — its role, office, password or
     * active flag — or removed: the connection is closed and the token refused; log in again (the pages go to
     * {@code /login?ended}).
     */
    ROOM_SESSION_ENDED(315, "your account was changed; log in again"),
    /**
     * The admission could not be recorded (the database is unreachable: the booking cannot start its session), so it
     * did not happen; the participant keeps waiting in the lobby. Try again in a moment.
     */
    ROOM_ADMISSION_NOT_RECORDED(316, "the admission could not be recorded; the participant keeps waiting, try again"),

    // --- 4xx media ---
    MEDIA_NOT_PUBLISHING(401, "that participant is not publishing"),
    MEDIA_PUBLISH_FAILED(402, "publishing failed"),
    MEDIA_SUBSCRIBE_FAILED(403, "subscribing failed"),
    MEDIA_NODE_UNAVAILABLE(404, "the media server is unavailable"),
    MEDIA_ICE_RESTART_FAILED(420, "restarting the connection failed"),
    MEDIA_NOTHING_TO_RESTART(421, "no such connection to restart"),
    /** The receiving connection could not be made ahead ({@code prepareReceive}): a subscription makes its own. */
    MEDIA_PREPARE_RECEIVE_FAILED(422, "the receiving connection could not be prepared"),

    // --- 5xx server ---
    SERVER_INTERNAL(501, "internal error");

    private static final Map<Integer, ErrorCode> BY_NUMBER = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::number, Function.identity()));

    private final int number;
    private final String defaultMessage;

    ErrorCode(int number, String defaultMessage) {
        this.number = number;
        this.defaultMessage = defaultMessage;
    }

    /** The number sent to the browser. */
    public int number() {
        return number;
    }

    /** An English message for logs and for clients that show nothing better. */
    public String defaultMessage() {
        return defaultMessage;
    }

    public static Optional<ErrorCode> ofNumber(int number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }

    /** The 2xx code of a refused join token. */
    public static ErrorCode of(TokenRefusal refusal) {
        return switch (refusal) {
            case TOKEN_MALFORMED -> TOKEN_MALFORMED;
            case TOKEN_BAD_SIGNATURE -> TOKEN_BAD_SIGNATURE;
            case TOKEN_EXPIRED -> TOKEN_EXPIRED;
            case TOKEN_WRONG_ROOM -> TOKEN_WRONG_ROOM;
            case TOKEN_NOT_YET_VALID -> TOKEN_NOT_YET_VALID;
        };
    }
}
