package org.lianxin.signaling.protocol;

/**
 * How a browser's media reached (or last reached) the media node (wire: "relay", "direct", "unknown"): relayed by
 * the TURN server, directly, or not known (never connected).
 */
public enum MediaRoute {
    RELAY, DIRECT, UNKNOWN
}
