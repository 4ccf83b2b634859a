package org.lianxin.signaling.media;

/** A participant of a media room as the media node sees it. */
public record Participant(FeedId feed, String display, boolean publishing) {
}
