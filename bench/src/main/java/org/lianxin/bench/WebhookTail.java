package org.lianxin.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the latency tail of {@code bench webhooks} comes from (issue 13): the events outside the kill windows slower
 * than {@link #SLOW_MS}, sorted by why they waited — behind an earlier event of their own case that was still pending
 * when they committed ({@code behind_case}), committed within a minute after a window's end while its backlog drained
 * ({@code after_window}: behind the others' backlog), or neither ({@code other}: retries, slow answers). Per window:
 * its backlog (events committed from the kill to the window's end, still undelivered at its end), the drain (from the
 * window's end until every event committed before it had its first 2xx), the rate the dispatcher delivered meanwhile,
 * and how long after the window's end the dead run's events last arrived (its leased ones wait for the lease).
 */
final class WebhookTail {
    static final double SLOW_MS = 1000;

    /** One kill window's aftermath. */
    record Drain(int backlog, double drainMs, double perSecond, int slowAfter, double lastSlowCommitMs,
                 double lastOldDeliveryMs) {
    }

    final int slow;
    final int behindCase;
    final int afterWindow;
    final int other;
    final List<Drain> drains;

    private WebhookTail(int slow, int behindCase, int afterWindow, int other, List<Drain> drains) {
        this.slow = slow;
        this.behindCase = behindCase;
        this.afterWindow = afterWindow;
        this.other = other;
        this.drains = drains;
    }

    /** @param firstOk each produced key's first 2xx ({@link System#nanoTime()}; absent: never delivered) */
    static WebhookTail of(List<WebhookProducer.Produced> produced, Map<String, Long> firstOk,
                          List<WebhookKills.Window> windows) {
        Map<Integer, List<WebhookProducer.Produced>> cases = new HashMap<>();
        produced.forEach(p -> cases.computeIfAbsent(p.caseIndex(), c -> new ArrayList<>()).add(p));
        cases.values().forEach(c -> c.sort(Comparator.comparingInt(WebhookProducer.Produced::step)));
        int slow = 0;
        int behindCase = 0;
        int afterWindow = 0;
        int other = 0;
        for (List<WebhookProducer.Produced> c : cases.values()) {
            for (int i = 0; i < c.size(); i++) {
                WebhookProducer.Produced p = c.get(i);
                Long ok = firstOk.get(p.key());
                if (ok == null || inWindow(p.commitNanos(), ok, windows)
                        || (ok - p.commitNanos()) / 1e6 <= SLOW_MS) {
                    continue;
                }
                slow++;
                Long previous = i == 0 ? null : firstOk.get(c.get(i - 1).key());
                if (previous != null && previous > p.commitNanos() + (long) (SLOW_MS * 1e6) / 2) {
                    behindCase++;
                } else if (windows.stream().anyMatch(w -> w.end() != 0 && p.commitNanos() >= w.end()
                        && p.commitNanos() < w.end() + 60_000_000_000L)) {
                    afterWindow++;
                } else {
                    other++;
                }
            }
        }
        List<Drain> drains = new ArrayList<>();
        for (WebhookKills.Window w : windows) {
            if (w.end() == 0) {
                drains.add(new Drain(0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN));
                continue;
            }
            int backlog = 0;
            long drained = w.end();
            long lastOld = w.end();
            int slowAfter = 0;
            long lastSlowCommit = w.end();
            for (WebhookProducer.Produced p : produced) {
                Long ok = firstOk.get(p.key());
                if (ok == null) {
                    continue;
                }
                if (p.commitNanos() < w.end()) {
                    if (ok > w.end()) {
                        drained = Math.max(drained, ok);
                        if (p.commitNanos() >= w.start()) {
                            backlog++;
                        } else {
                            lastOld = Math.max(lastOld, ok);
                        }
                    }
                } else if (p.commitNanos() < w.end() + 60_000_000_000L
                        && (ok - p.commitNanos()) / 1e6 > SLOW_MS) {
                    slowAfter++;
                    lastSlowCommit = Math.max(lastSlowCommit, p.commitNanos());
                }
            }
            int deliveredMeanwhile = 0;
            for (Long ok : firstOk.values()) {
                if (ok > w.end() && ok <= drained) {
                    deliveredMeanwhile++;
                }
            }
            double drainMs = (drained - w.end()) / 1e6;
            drains.add(new Drain(backlog, drainMs, drainMs > 0 ? deliveredMeanwhile / (drainMs / 1000) : Double.NaN,
                    slowAfter, (lastSlowCommit - w.end()) / 1e6, (lastOld - w.end()) / 1e6));
        }
        return new WebhookTail(slow, behindCase, afterWindow, other, drains);
    }

    /** Whether an event committed at {@code commit} and first delivered at {@code ok} overlaps a kill window. */
    static boolean inWindow(long commit, long ok, List<WebhookKills.Window> windows) {
        for (WebhookKills.Window w : windows) {
            long end = w.end() == 0 ? Long.MAX_VALUE : w.end();
            if (commit < end && ok > w.start()) {
                return true;
            }
        }
        return false;
    }

    void print() {
        System.out.printf(Locale.ROOT, "tail: %d events outside the windows took more than %.0f ms: %d behind an"
                + " earlier event of their case, %d committed within 60 s after a window (behind its backlog),"
                + " %d other (retries, slow answers)%n", slow, SLOW_MS, behindCase, afterWindow, other);
        for (int i = 0; i < drains.size(); i++) {
            Drain d = drains.get(i);
            System.out.printf(Locale.ROOT, "window %d: backlog %d events at its end, drained %.0f ms after it"
                    + " (%.0f deliveries/s meanwhile); %d events committed after it took more than %.0f ms, the last"
                    + " committed %.0f ms after its end; the last event committed before the kill arrived %.0f ms"
                    + " after its end%n", i + 1, d.backlog(), d.drainMs(), d.perSecond(), d.slowAfter(), SLOW_MS,
                    d.lastSlowCommitMs(), d.lastOldDeliveryMs());
        }
    }
}
