package org.lianxin.signaling.media;

import java.util.Optional;

/**
 * A media operation failed. {@link #code()} is ours (stable, numbered, for the browser protocol);
 * {@link #serverCode()} and {@link #serverReason()} are what the media server itself said, if it
 * said anything.
 */
public class MediaException extends RuntimeException {

    /** Numbered codes, range 300–399 (ROOM_* and TRANSPORT_* ranges belong to signaling). */
    public enum Code {
        MEDIA_NODE_UNREACHABLE(301),
        MEDIA_TIMEOUT(302),
        MEDIA_NO_SUCH_ROOM(310),
        MEDIA_ROOM_EXISTS(311),
        MEDIA_NO_SUCH_FEED(312),
        MEDIA_ROOM_FULL(313),
        MEDIA_UNAUTHORIZED(314),
        MEDIA_NOT_PUBLISHED(315),
        MEDIA_ALREADY_JOINED(316),
        MEDIA_INVALID_SDP(320),
        MEDIA_INVALID_REQUEST(321),
        MEDIA_ENDPOINT_LOST(330),
        MEDIA_SERVER_ERROR(399);

        private final int number;

        Code(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }

    private final Code code;
    private final Integer serverCode;
    private final String serverReason;

    public MediaException(Code code, String message) {
        this(code, message, null, null, null);
    }

    public MediaException(Code code, String message, Throwable cause) {
        this(code, message, null, null, cause);
    }

    public MediaException(Code code, String message, Integer serverCode, String serverReason, Throwable cause) {
        super(code + " (" + code.number + "): " + message
                + (serverCode == null ? "" : " [server " + serverCode + ": " + serverReason + "]"), cause);
        this.code = code;
        this.serverCode = serverCode;
        this.serverReason = serverReason;
    }

    public Code code() {
        return code;
    }

    /** The media server's own error code (e.g. Janus videoroom 426 "no such room"). */
    public Optional<Integer> serverCode() {
        return Optional.ofNullable(serverCode);
    }

    public Optional<String> serverReason() {
        return Optional.ofNullable(serverReason);
    }

    /** Unwraps a {@code CompletionException}/{@code ExecutionException} chain to the MediaException in it. */
    public static Optional<MediaException> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MediaException m) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
