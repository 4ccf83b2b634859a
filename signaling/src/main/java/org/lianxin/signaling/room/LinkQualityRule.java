package org.lianxin.signaling.room;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.LinkLevel;
import org.lianxin.signaling.protocol.LinkStats;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.token.Role;

/**
 * The room's rule for link reports (part of {@link Room}, pure, under its lock): judges each browser's
 * {@link LinkStats} ({@link #levelOf}), rate-limits the reports, tells the reporter and the hosts, and
 * keeps each participant's bad-link period (from the first report that was not good to the first good
 * one after it) for the recording's timeline ({@link RoomEvent.BadLinkPeriod}).
 *
 * <p>A participant's level is the worse of its last two reports: it falls at once and recovers only
 * when two reports in a row are better, so that the leader's indicator does not flicker with each
 * lost burst. The numbers are the browser's word: they are shown and recorded, and they choose the video layer
 * the participant itself receives ({@link ReceiveLayerRule}) — nothing that concerns anyone else.
 */
final class LinkQualityRule {

    /**
     * Reports closer together than this are refused ({@link ErrorCode#TRANSPORT_TOO_FREQUENT}). Pages send every 2 s
     * and never less than 1.2 s apart ({@code link-quality.js}); the limit is well below that, because two reports sent
     * 1.2 s apart can arrive much closer when the first was delayed (a starved browser, a congested link — found by
     * {@code bench capacity} with a limit of 1 s).
     */
    static final Duration MIN_INTERVAL = Duration.ofMillis(500);

    /** Loss (%) from which a link is poor / bad. */
    static final double POOR_LOSS = 3;
    static final double BAD_LOSS = 10;
    /** Round trip (ms) from which a link is poor / bad. */
    static final int POOR_RTT = 400;
    static final int BAD_RTT = 1000;
    /** Freezes of the received video in one period from which a link is poor / bad. */
    static final int POOR_FREEZES = 1;
    static final int BAD_FREEZES = 3;

    private final Map<String, State> states = new HashMap<>();
    private final ReceiveLayerRule layers = new ReceiveLayerRule();

    /** The level of one report on its own (thresholds above; each measure can make it worse). */
    static LinkLevel levelOf(LinkStats s) {
        return level(s.worstLossPercent(), s.rttMs(), s.freezes());
    }

    /**
     * The level of the network as the browser receives (its receive loss and the round trip): for the video layer
     * it receives. Freezes are left out here: a busy computer freezes a picture too, and a smaller layer would not
     * help it.
     */
    static LinkLevel receiveLevelOf(LinkStats s) {
        return level(s.lossPercent(), s.rttMs(), 0);
    }

    private static LinkLevel level(double loss, Integer rttMs, int freezes) {
        int rtt = rttMs == null ? 0 : rttMs;
        if (loss >= BAD_LOSS || rtt >= BAD_RTT || freezes >= BAD_FREEZES) {
            return LinkLevel.BAD;
        }
        if (loss >= POOR_LOSS || rtt >= POOR_RTT || freezes >= POOR_FREEZES) {
            return LinkLevel.POOR;
        }
        return LinkLevel.GOOD;
    }

    private static LinkLevel worse(LinkLevel a, LinkLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * A report from {@code participantId}: refused if it came too soon after the last; else the verdict goes to the
     * reporter and to {@code hosts} (connected hosts other than the reporter), and a bad-link period that ended is
     * an event.
     */
    Transition.Builder report(String participantId, Role role, LinkStats stats, List<String> hosts, Instant now,
                              Transition.Builder t) {
        State s = states.computeIfAbsent(participantId, id -> new State(role));
        if (s.lastReportAt != null && now.isBefore(s.lastReportAt.plus(MIN_INTERVAL))) {
            return t.refuse(ErrorCode.TRANSPORT_TOO_FREQUENT,
                    "link reports at most every " + MIN_INTERVAL.toMillis() + " ms");
        }
        LinkLevel own = levelOf(stats);
        LinkLevel level = s.lastOwn == null ? own : worse(own, s.lastOwn);
        s.lastReportAt = now;
        s.lastOwn = own;
        if (level != LinkLevel.GOOD) {
            if (s.periodStart == null) {
                s.periodStart = now;
                s.worst = level;
                s.worstLoss = 0;
                s.worstRtt = null;
            }
            s.worst = worse(s.worst, level);
            s.worstLoss = Math.max(s.worstLoss, stats.worstLossPercent());
            if (stats.rttMs() != null && (s.worstRtt == null || stats.rttMs() > s.worstRtt)) {
                s.worstRtt = stats.rttMs();
            }
            s.firstGoodAt = own == LinkLevel.GOOD ? (s.firstGoodAt == null ? now : s.firstGoodAt) : null;
        } else if (s.periodStart != null) {
            closePeriod(participantId, s, s.firstGoodAt == null ? now : s.firstGoodAt, t);
        }
        layers.report(participantId, receiveLevelOf(stats), now)
                .ifPresent(q -> t.media(new MediaAction.SetReceiveQuality(participantId, q, stats)));
        ServerMessage verdict = new ServerMessage.LinkQuality(participantId, level, stats);
        t.send(participantId, verdict);
        for (String host : hosts) {
            t.send(host, verdict);
        }
        return t;
    }

    /** The participant left the room: its open period ends now. */
    void forget(String participantId, Instant now, Transition.Builder t) {
        layers.forget(participantId);
        State s = states.remove(participantId);
        if (s != null && s.periodStart != null) {
            closePeriod(participantId, s, now, t);
        }
    }

    /** The session ended: every open period ends now. */
    void endAll(Instant now, Transition.Builder t) {
        for (String id : new ArrayList<>(states.keySet())) {
            forget(id, now, t);
        }
    }

    private static void closePeriod(String participantId, State s, Instant end, Transition.Builder t) {
        t.event(new RoomEvent.BadLinkPeriod(participantId, s.role, s.periodStart, s.worst, s.worstLoss, s.worstRtt,
                end));
        s.periodStart = null;
        s.firstGoodAt = null;
    }

    private static final class State {
        final Role role;
        Instant lastReportAt;
        LinkLevel lastOwn;
        // the open bad-link period, if any
        Instant periodStart;
        Instant firstGoodAt;
        LinkLevel worst;
        double worstLoss;
        Integer worstRtt;

        State(Role role) {
            this.role = role;
        }
    }
}
