package org.lianxin.signaling.protocol;

/**
 * Which of the browser's two peer connections a message is about (wire: "publisher",
 * "subscriber"): the one sending its own camera, or the one receiving the others.
 */
public enum PeerConnectionKind {
    PUBLISHER, SUBSCRIBER
}
