package org.lianxin.bench;

import java.util.List;
import org.lianxin.signaling.testing.JanusTestHost;

/**
 * One live reception in a {@link Topology} as {@link FailoverBench}'s kills read it, whichever pages run it: the bench
 * page ({@link FailoverReception}) or the product's kiosk and console ({@link PagesReception}). Times are epoch ms of
 * the bench JVM's clock (the pages run on the same machine).
 */
interface LiveReception extends AutoCloseable {
    /** Starts a reception in a topology (both ends decoding the other's video when it returns). */
    @FunctionalInterface
    interface Start {
        LiveReception start(Topology topology) throws Exception;
    }

    String roomId();

    /** Where the kiosk's recording notice went (a node's name, or how it was sent). */
    String noticeShownAt();

    long bookingId();

    /** The node that holds the room's lease now (null while none does). */
    String owner();

    /** The Janus node the host's publisher is connected to. */
    JanusTestHost janusNode();

    /** Both ends decoded a frame in the last 300 ms. */
    boolean flowing();

    /** The selected candidate pairs of both pages' connections ("host pub relay/tls 198.18.0.2", ...). */
    List<String> routes();

    /** Both pages joined again (a `joined` after {@code t}). */
    boolean rejoinedAfter(long t);

    /** Both pages resumed with their peer connections kept (a `joined` with {@code resumed}) after {@code t}. */
    boolean resumedAfter(long t);

    /** When signaling was back at both ends: the later page's first `joined` after {@code t}, ms after it. */
    long signalingBackMs(long t);

    /** The longest time either end went without a decoded frame within [from, to]. */
    long longestGapMs(long from, long to);

    /** Which end had the longest gap of {@link #longestGapMs}, how long, and when it began after {@code from}. */
    String longestGapWhere(long from, long to);

    /** Both ends decoded a frame after {@code t}. */
    boolean framesAfter(long t);

    /** The host ends the reception. */
    void end();

    /** The booking's state, asked of a running app node. */
    String state();

    /** A new join's token asked of the room's owner now: status and body. */
    java.util.Map.Entry<Integer, String> tryJoin();

    /** The pages' own state, for a failure's message. */
    String pages();

    @Override
    void close();
}
