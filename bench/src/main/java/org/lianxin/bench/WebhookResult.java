package org.lianxin.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code bench webhooks} found: every committed change matched to what the receiver answered 2xx for (by the
 * event's type, booking and start, read from the body), lost ones, duplicates (2xx answers to a {@code webhook-id}
 * after its first: those of a message with an attempt the dispatcher logged as unanswered — its 2xx came later than
 * the sender's timeout, so it was sent again, as at-least-once means — are told apart from those at the kills, the
 * messages in flight whose 2xx the dead node never recorded), how many of the delivered are supervision items' events,
 * per-case order (a case's event first delivered before an earlier one of the same case), and the
 * latency from commit to first 2xx inside and outside the kill windows.
 */
record WebhookResult(int events, long queued, int delivered, int supervisionDelivered, int lost, int duplicates, int afterTimeouts, int unknown,
                     int badSignatures, int outOfOrder, int inFlight, int inWindows, double p50, double p99,
                     double p99All, double max, double baselineP99, int baselineBadSignatures,
                     List<WebhookKills.Window> windows) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The bodies the lane answered 2xx for, by {@link WebhookProducer#key}. */
    static Map<String, String> bodiesByKey(WebhookReceiver.Lane lane) {
        Map<String, String> out = new HashMap<>();
        for (WebhookReceiver.Seen s : lane.byId.values()) {
            if (s.firstOkNanos.get() != 0) {
                out.put(keyOf(s.body), s.body);
            }
        }
        return out;
    }

    /** The body's {@link WebhookProducer#key}: a booking's by its id and start, a supervision item's by id and number. */
    static String keyOf(String body) {
        JsonNode n = JSON.readTree(body);
        JsonNode data = n.path("data");
        String type = n.path("type").asString();
        if (WebhookProducer.isSupervision(type)) {
            return WebhookProducer.key(type, data.path("itemId").asLong(), data.path("itemNumber").asString());
        }
        return WebhookProducer.key(type, data.path("bookingId").asLong(), data.path("start").asString());
    }

    static WebhookResult of(List<WebhookProducer.Produced> produced, long queued, WebhookReceiver.Lane lane,
                            List<WebhookKills.Window> windows, int inFlight, double baselineP99,
                            WebhookReceiver.Lane baseline, java.util.Set<String> unanswered) {
        Map<String, WebhookReceiver.Seen> byKey = new HashMap<>();
        int duplicates = 0;
        int afterTimeouts = 0;
        for (Map.Entry<String, WebhookReceiver.Seen> e : lane.byId.entrySet()) {
            WebhookReceiver.Seen s = e.getValue();
            int extra = Math.max(0, s.oks.get() - 1);
            duplicates += extra;
            if (unanswered.contains(e.getKey())) {
                afterTimeouts += extra;
            }
            if (s.firstOkNanos.get() != 0) {
                byKey.put(keyOf(s.body), s);
            }
        }
        int delivered = 0;
        int supervisionDelivered = 0;
        int inWindows = 0;
        List<Double> outside = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        Map<Integer, List<WebhookProducer.Produced>> cases = new HashMap<>();
        for (WebhookProducer.Produced p : produced) {
            cases.computeIfAbsent(p.caseIndex(), c -> new ArrayList<>()).add(p);
            WebhookReceiver.Seen s = byKey.get(p.key());
            if (s == null) {
                continue;
            }
            delivered++;
            if (WebhookProducer.isSupervision(p.key())) {
                supervisionDelivered++;
            }
            long ok = s.firstOkNanos.get();
            double ms = (ok - p.commitNanos()) / 1e6;
            all.add(ms);
            boolean inWindow = false;
            for (WebhookKills.Window w : windows) {
                long end = w.end() == 0 ? Long.MAX_VALUE : w.end();
                inWindow |= p.commitNanos() < end && ok > w.start();
            }
            if (inWindow) {
                inWindows++;
            } else {
                outside.add(ms);
            }
        }
        int outOfOrder = 0;
        for (List<WebhookProducer.Produced> c : cases.values()) {
            c.sort(Comparator.comparingInt(WebhookProducer.Produced::step));
            long latest = 0;
            for (WebhookProducer.Produced p : c) {
                WebhookReceiver.Seen s = byKey.get(p.key());
                long ok = s == null ? Long.MAX_VALUE : s.firstOkNanos.get();
                if (ok < latest) {
                    outOfOrder++;
                }
                latest = Math.max(latest, ok);
            }
        }
        int unknown = 0;
        java.util.Set<String> keys = new java.util.HashSet<>();
        produced.forEach(p -> keys.add(p.key()));
        for (String k : byKey.keySet()) {
            if (!keys.contains(k)) {
                unknown++;
            }
        }
        return new WebhookResult(produced.size(), queued, delivered, supervisionDelivered, produced.size() - delivered, duplicates,
                afterTimeouts, unknown,
                lane.badSignatures.get(), outOfOrder, inFlight, inWindows, Stats.percentile(outside, 50),
                Stats.percentile(outside, 99), Stats.percentile(all, 99), Stats.percentile(all, 100), baselineP99,
                baseline.badSignatures.get(), windows);
    }

    boolean passed() {
        return lost == 0 && outOfOrder == 0 && duplicates - afterTimeouts <= inFlight && unknown == 0 && badSignatures == 0
                && queued == events && baselineBadSignatures == 0;
    }

    void print() {
        for (WebhookKills.Window w : windows) {
            System.out.printf(Locale.ROOT, "kill window: %d ms from the kill to the restarted dispatcher's first"
                    + " delivery (its JVM up after %d ms)%n", w.end() == 0 ? -1 : (w.end() - w.start()) / 1_000_000,
                    (w.restarted() - w.start()) / 1_000_000);
        }
        System.out.printf(Locale.ROOT, "events %d committed, %d in the outbox; delivered %d (%d of supervision"
                        + " items), lost %d, duplicates %d"
                        + " (%d at the kills, in flight then %d; %d after a 2xx slower than the sender's timeout),"
                        + " not produced %d, bad signatures %d%n", events, queued, delivered, supervisionDelivered,
                lost, duplicates,
                duplicates - afterTimeouts, inFlight, afterTimeouts, unknown, badSignatures);
        System.out.printf(Locale.ROOT, "commit -> first 2xx outside the kill windows (%d events inside, left out):"
                + " p50 %s ms, p99 %s ms; over all events p99 %s ms, max %s ms%n", inWindows, Stats.ms(p50),
                Stats.ms(p99), Stats.ms(p99All), Stats.ms(max));
        if (!passed()) {
            System.out.println("FAILED: lost, out of order, unknown or badly signed events, the outbox not matching"
                    + " the changes, or more duplicates than deliveries in flight at the kills");
        }
        System.out.println("out_of_order=" + outOfOrder);
    }

    String benchLine() {
        return String.format(Locale.ROOT, "BENCH webhooks events=%d delivered=%d lost=%d duplicates=%d p99_ms=%s"
                + " baseline_p99_ms=%s", events, delivered, lost, duplicates, Stats.ms(p99), Stats.ms(baselineP99));
    }
}
