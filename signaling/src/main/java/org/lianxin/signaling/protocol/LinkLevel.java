package org.lianxin.signaling.protocol;

/** How usable a participant's media link is, as the server judges its browser's report. */
public enum LinkLevel {
    /** Nothing a person would notice. */
    GOOD,
    /** Noticeable: some loss, a slow round trip, a frozen picture now and then. */
    POOR,
    /** Hard to follow: heavy loss, a very slow round trip, or nothing arriving. */
    BAD
}
