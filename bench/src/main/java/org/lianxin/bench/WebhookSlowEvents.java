package org.lianxin.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each slow event of {@code bench webhooks} taken apart by the receiver's own record of its attempts (issue 13): for
 * the events outside the kill windows slower than {@link WebhookTail#SLOW_MS}, the wait behind the earlier event of
 * its case, the pickup (from its commit, or its case's previous event's delivery if later, to its first attempt's
 * arrival), each attempt's status and how long the receiver held it, and the gap from a failed answer to the next
 * attempt. Each is put under the first cause that fits: behind its case, a first answer that costs any sender ≥ 1 s
 * (503 with {@code Retry-After: 1}, held past the timeout), a pickup over 300 ms, a retry gap over 300 ms, answers
 * held over 500 ms in all, else other. Also the pickup and retry gap over all events outside the windows.
 */
final class WebhookSlowEvents {
    static final double LATE_MS = 300;

    final Map<String, Integer> causes = new LinkedHashMap<>();
    final List<String> lines = new ArrayList<>();
    final List<Double> pickups = new ArrayList<>();
    final List<Double> retryGaps = new ArrayList<>();

    static WebhookSlowEvents of(List<WebhookProducer.Produced> produced, Map<String, WebhookReceiver.Seen> byKey,
                                List<WebhookKills.Window> windows) {
        WebhookSlowEvents out = new WebhookSlowEvents();
        for (String c : List.of("behind_case", "first_answer_costs_1s", "pickup", "retry_gap", "held_answers",
                "other")) {
            out.causes.put(c, 0);
        }
        Map<Integer, List<WebhookProducer.Produced>> cases = new HashMap<>();
        produced.forEach(p -> cases.computeIfAbsent(p.caseIndex(), c -> new ArrayList<>()).add(p));
        long t0 = produced.stream().mapToLong(WebhookProducer.Produced::commitNanos).min().orElse(0);
        for (List<WebhookProducer.Produced> c : cases.values()) {
            c.sort(Comparator.comparingInt(WebhookProducer.Produced::step));
            for (int i = 0; i < c.size(); i++) {
                WebhookProducer.Produced p = c.get(i);
                WebhookReceiver.Seen s = byKey.get(p.key());
                if (s == null || s.firstOkNanos.get() == 0 || s.tries.isEmpty()) {
                    continue;
                }
                long ok = s.firstOkNanos.get();
                if (WebhookTail.inWindow(p.commitNanos(), ok, windows)) {
                    continue;
                }
                WebhookReceiver.Seen prev = i == 0 ? null : byKey.get(c.get(i - 1).key());
                long prevOk = prev == null ? 0 : prev.firstOkNanos.get();
                long start = Math.max(p.commitNanos(), prevOk);
                List<long[]> tries;
                synchronized (s.tries) {
                    tries = new ArrayList<>(s.tries);
                }
                double pickup = (tries.get(0)[0] - start) / 1e6;
                out.pickups.add(pickup);
                double maxGap = 0;
                double held = 0;
                StringBuilder detail = new StringBuilder();
                for (int a = 0; a < tries.size(); a++) {
                    long[] t = tries.get(a);
                    double h = t[1] == 0 ? Double.NaN : (t[1] - t[0]) / 1e6;
                    held += Double.isNaN(h) ? 0 : h;
                    detail.append(String.format(Locale.ROOT, " [%d held %.0f", t[2], h));
                    if (a + 1 < tries.size() && t[1] != 0) {
                        double gap = (tries.get(a + 1)[0] - t[1]) / 1e6;
                        out.retryGaps.add(gap);
                        maxGap = Math.max(maxGap, gap);
                        detail.append(String.format(Locale.ROOT, ", next after %.0f", gap));
                    }
                    detail.append(']');
                }
                double ms = (ok - p.commitNanos()) / 1e6;
                if (ms <= WebhookTail.SLOW_MS) {
                    continue;
                }
                double behind = Math.max(0, (prevOk - p.commitNanos()) / 1e6);
                long first = tries.get(0)[2];
                String cause;
                if (behind > WebhookTail.SLOW_MS / 2) {
                    cause = "behind_case";
                } else if (first == 5031 || first == 504 || first == 0) {
                    cause = "first_answer_costs_1s";
                } else if (pickup > LATE_MS) {
                    cause = "pickup";
                } else if (maxGap > LATE_MS) {
                    cause = "retry_gap";
                } else if (held > 500) {
                    cause = "held_answers";
                } else {
                    cause = "other";
                }
                out.causes.merge(cause, 1, Integer::sum);
                out.lines.add(String.format(Locale.ROOT, "slow %s: %s committed at %.1f s, %.0f ms: behind its case"
                        + " %.0f, pickup %.0f, attempts%s", cause, p.key(), (p.commitNanos() - t0) / 1e9, ms, behind,
                        pickup, detail));
            }
        }
        return out;
    }

    void print() {
        System.out.printf(Locale.ROOT, "slow events by cause: %s%n", causes);
        System.out.printf(Locale.ROOT, "outside the windows: pickup (commit or the case's previous delivery → first"
                + " attempt) %s; gap from a failed answer to the next attempt %s%n", summary(pickups),
                summary(retryGaps));
        lines.forEach(System.out::println);
    }

    static String summary(List<Double> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        return String.format(Locale.ROOT, "n %d p50 %.1f p90 %.1f p99 %.1f max %.1f ms, %d over %.0f ms", v.size(),
                at(v, 0.5), at(v, 0.9), at(v, 0.99), v.get(v.size() - 1),
                v.stream().filter(x -> x > LATE_MS).count(), LATE_MS);
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
