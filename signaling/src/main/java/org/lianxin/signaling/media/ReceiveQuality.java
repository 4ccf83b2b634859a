package org.lianxin.signaling.media;

/**
 * Which video layer a subscriber receives of the feeds that publish several (simulcast): a feed that
 * publishes one layer is received as it is either way.
 */
public enum ReceiveQuality {
    /** The best layer the publisher sends (the node's default). */
    FULL,
    /** The lowest layer (a quarter of the pixels, a fraction of the bitrate): for a link that cannot carry more. */
    REDUCED
}
