package org.lianxin.signaling.media;

import java.util.Optional;

/**
 * A media operation failed. {@link #code()} is ours (stable, numbered, for the browser protocol);
 * {@link #serverCode()} and {@link #serverReason()} are what the media server itself said, if it
 * said anything.
 */
public class MediaException extends RuntimeException {

    /**
     * Numbered codes in the media range of the browser protocol (4xx), from 450 up so that they do
     * not collide with the protocol's own MEDIA_* codes (401–449). Never renumber, only add.
     */
    public enum Code {
        MEDIA_NODE_UNREACHABLE(451),
        MEDIA_TIMEOUT(452),
        MEDIA_NO_SUCH_ROOM(460),
        MEDIA_ROOM_EXISTS(461),
        MEDIA_NO_SUCH_FEED(462),
        MEDIA_ROOM_FULL(463),
        MEDIA_UNAUTHORIZED(464),
        MEDIA_NOT_PUBLISHED(465),
        MEDIA_ALREADY_JOINED(466),
        MEDIA_INVALID_SDP(470),
        MEDIA_INVALID_REQUEST(471),
        MEDIA_ENDPOINT_LOST(480),
        MEDIA_SERVER_ERROR(499);

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
