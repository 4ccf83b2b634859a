package org.lianxin.signaling.media.internal.janus;

import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;

/** Janus's error numbers (core {@code apierror.h}, videoroom plugin) mapped to ours. */
final class JanusErrors {

    private JanusErrors() {
    }

    /** Core errors: {@code {"janus":"error","error":{"code":..,"reason":..}}}. */
    static MediaException core(int code, String reason, String what) {
        Code ours = switch (code) {
            case 403, 405 -> Code.MEDIA_UNAUTHORIZED;
            case 458, 459 -> Code.MEDIA_ENDPOINT_LOST;
            case 464, 465, 469 -> Code.MEDIA_INVALID_SDP;
            case 452, 453, 454, 455, 456, 457, 467 -> Code.MEDIA_INVALID_REQUEST;
            default -> Code.MEDIA_SERVER_ERROR;
        };
        return new MediaException(ours, what + " refused by Janus", code, reason, null);
    }

    /** Videoroom errors: {@code plugindata.data.error_code} / {@code error}. */
    static MediaException videoroom(int code, String reason, String what) {
        Code ours = switch (code) {
            case 426 -> Code.MEDIA_NO_SUCH_ROOM;
            case 427 -> Code.MEDIA_ROOM_EXISTS;
            case 428 -> Code.MEDIA_NO_SUCH_FEED;
            case 432 -> Code.MEDIA_ROOM_FULL;
            case 433 -> Code.MEDIA_UNAUTHORIZED;
            case 435 -> Code.MEDIA_NOT_PUBLISHED;
            case 425 -> Code.MEDIA_ALREADY_JOINED;
            case 431, 437 -> Code.MEDIA_INVALID_SDP;
            case 421, 422, 423, 424, 429, 430, 434, 436 -> Code.MEDIA_INVALID_REQUEST;
            default -> Code.MEDIA_SERVER_ERROR;
        };
        return new MediaException(ours, what + " refused by the videoroom plugin", code, reason, null);
    }
}
