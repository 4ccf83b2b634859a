package org.lianxin.signaling.protocol;

/** A medium of a participant's stream (wire: "audio", "video"). */
public enum MediaKind {
    AUDIO, VIDEO
}
