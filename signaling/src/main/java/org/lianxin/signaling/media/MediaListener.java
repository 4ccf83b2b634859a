package org.lianxin.signaling.media;

/**
 * Receives a room's media events, one at a time in the order the media node sent them, on the
 * adapter's event thread: do not block in it.
 */
@FunctionalInterface
public interface MediaListener {
    void onEvent(MediaEvent event);
}
