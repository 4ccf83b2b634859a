package org.lianxin.signaling.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.lianxin.signaling.media.EndpointId;

/**
 * Every keyframe request of a room to a publisher's browser goes through here, so that none is lost:
 * <ul>
 * <li>The sending browser encodes a keyframe for at most one request in {@link #BROWSER_WINDOW}: Chromium's
 * {@code EncoderRtcpFeedback} drops requests closer than 300 ms to the one it honoured. A request inside that window
 * is sent once the window has passed (one for all that came meanwhile) instead of being dropped by the browser.</li>
 * <li>While a subscriber is completing a renegotiation that adds the publisher ({@link #hold}), requests wait for it
 * ({@link #release}, at most {@link #LONGEST_HOLD}): at an admission the recorder asks for a keyframe as soon as its
 * forwarder is up, tens of ms before the console and the kiosk have answered their new streams; sent then, that
 * keyframe would be lost to them and theirs dropped by the browser for 300 ms. Held, one keyframe serves all.</li>
 * <li>A publisher whose media comes back after a drop is asked at once ({@link #requestAtOnce}): what was sent
 * during the drop never reached its browser.</li>
 * </ul>
 *
 * <p>Thread-safe (its own monitor; never calls out while holding it). Time from the clock; delays through
 * {@code schedule}, so tests drive both.
 */
final class KeyframeGate {

    /** Chromium honours one keyframe request per 300 ms; a little more, for the request's way to the browser. */
    static final Duration BROWSER_WINDOW = Duration.ofMillis(320);
    /** How long a renegotiating subscriber may hold a publisher's keyframe requests at most. */
    static final Duration LONGEST_HOLD = Duration.ofMillis(800);

    /** One publisher's requests. */
    private static final class Pacing {
        Instant lastSent;
        Instant heldUntil;
        int holds;
        boolean wanted;
        boolean scheduled;
    }

    private final Function<EndpointId, CompletableFuture<Void>> send;
    private final Clock clock;
    private final BiConsumer<Runnable, Duration> schedule;
    private final Map<EndpointId, Pacing> publishers = new HashMap<>();

    /**
     * @param send     sends a request to the publisher's browser now (the media node's keyframe request)
     * @param schedule runs the task after the delay
     */
    KeyframeGate(Function<EndpointId, CompletableFuture<Void>> send, Clock clock, BiConsumer<Runnable, Duration> schedule) {
        this.send = send;
        this.clock = clock;
        this.schedule = schedule;
    }

    /**
     * Asks the publisher's browser for a keyframe: now, or as soon as the browser will honour it or a subscriber
     * holding it has answered (then the returned future completes at once).
     */
    CompletableFuture<Void> request(EndpointId publisher) {
        synchronized (this) {
            pacing(publisher).wanted = true;
        }
        return pump(publisher);
    }

    /**
     * Asks at once, whatever was sent before: for a publisher whose media just came back after a drop (the requests
     * sent during it never reached the browser, so its window does not hold).
     */
    CompletableFuture<Void> requestAtOnce(EndpointId publisher) {
        synchronized (this) {
            Pacing p = pacing(publisher);
            p.wanted = false;
            p.lastSent = clock.instant();
        }
        return send.apply(publisher);
    }

    /**
     * The media node asked the publisher for a keyframe itself (a held stream started sending at an admission): the
     * browser's window starts now, so the room's next request waits for its end instead of being dropped by it.
     */
    void sentByNode(EndpointId publisher) {
        Instant now = clock.instant();
        synchronized (this) {
            pacing(publisher).lastSent = now;
        }
    }

    /** A subscriber is renegotiating to add the publisher: its requests wait until {@link #release} (or the longest hold). */
    void hold(EndpointId publisher) {
        Instant until = clock.instant().plus(LONGEST_HOLD);
        synchronized (this) {
            Pacing p = pacing(publisher);
            p.holds++;
            if (p.heldUntil == null || until.isAfter(p.heldUntil)) {
                p.heldUntil = until;
            }
        }
        schedule.accept(() -> pump(publisher), LONGEST_HOLD);
    }

    /** The subscriber's renegotiation is done (or failed): a keyframe now, for it and for whatever waited. */
    CompletableFuture<Void> release(EndpointId publisher) {
        synchronized (this) {
            Pacing p = pacing(publisher);
            p.holds = Math.max(0, p.holds - 1);
            if (p.holds == 0) {
                p.heldUntil = null;
            }
            p.wanted = true;
        }
        return pump(publisher);
    }

    /** The publisher's endpoint is gone. */
    synchronized void forget(EndpointId publisher) {
        publishers.remove(publisher);
    }

    /** Sends the wanted request if it may go now, else makes sure it is looked at again when it may. */
    private CompletableFuture<Void> pump(EndpointId publisher) {
        Instant now = clock.instant();
        Duration wait;
        synchronized (this) {
            Pacing p = publishers.get(publisher);
            if (p == null || !p.wanted) {
                return CompletableFuture.completedFuture(null);
            }
            if (p.heldUntil != null && now.isBefore(p.heldUntil)) {
                return CompletableFuture.completedFuture(null); // looked at on release, or when the hold runs out
            }
            p.heldUntil = null;
            p.holds = 0;
            Instant allowed = p.lastSent == null ? now : p.lastSent.plus(BROWSER_WINDOW);
            if (!now.isBefore(allowed)) {
                p.wanted = false;
                p.lastSent = now;
                wait = null;
            } else if (p.scheduled) {
                return CompletableFuture.completedFuture(null);
            } else {
                p.scheduled = true;
                wait = Duration.between(now, allowed);
            }
        }
        if (wait == null) {
            return send.apply(publisher);
        }
        schedule.accept(() -> {
            synchronized (this) {
                Pacing p = publishers.get(publisher);
                if (p != null) {
                    p.scheduled = false;
                }
            }
            pump(publisher);
        }, wait);
        return CompletableFuture.completedFuture(null);
    }

    private Pacing pacing(EndpointId publisher) {
        return publishers.computeIfAbsent(publisher, k -> new Pacing());
    }
}
