package org.lianxin.signaling.media;

/**
 * Counters of one medium of an endpoint as the media node sees them: "in" is what the node
 * receives from the browser (a publisher's media), "out" what it sends (a subscriber's media).
 *
 * @param mid  the medium's id in the endpoint's SDP
 * @param kind "audio" or "video"
 */
public record StreamStats(String mid, String kind, String codec, long packetsIn, long bytesIn, long bytesInLastSecond,
                          long packetsOut, long bytesOut, long bytesOutLastSecond) {
}
