package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code bench webhooks} counts: lost, duplicates at the kills and after timeouts, order per case, windows. */
class WebhookResultTest {
    static final long MS = 1_000_000L;

    static String body(String type, long booking, String start) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"2026-12-02T08:00:00Z\",\"data\":{\"bookingId\":" + booking
                + ",\"start\":\"" + start + "\"}}";
    }

    /** The lane saw {@code id} answered 2xx {@code oks} times, the first at {@code okMs}. */
    static void seen(WebhookReceiver.Lane lane, String id, String body, int oks, long okMs) {
        WebhookReceiver.Seen s = new WebhookReceiver.Seen(body);
        s.oks.set(oks);
        s.firstOkNanos.set(okMs * MS);
        lane.byId.put(id, s);
    }

    @Test
    void countsWhatArrivedTwiceWhatNeverArrivedAndWhatOvertookAnEarlierEventOfItsCase() {
        WebhookReceiver.Lane lane = new WebhookReceiver.Lane();
        List<WebhookProducer.Produced> produced = new ArrayList<>();
        // case 0: created at 1000 ms, delivered at 1100; moved at 1200, delivered at 1050 (before the first: out of order)
        produced.add(new WebhookProducer.Produced(WebhookProducer.key("booking.created", 1, "A"), 0, 0, 1000 * MS));
        produced.add(new WebhookProducer.Produced(WebhookProducer.key("booking.rescheduled", 1, "B"), 0, 1, 1010 * MS));
        seen(lane, "msg_1", body("booking.created", 1, "A"), 2, 1100);
        seen(lane, "msg_2", body("booking.rescheduled", 1, "B"), 1, 1050);
        // case 1: created, never delivered (its first attempt failed and nothing more came)
        produced.add(new WebhookProducer.Produced(WebhookProducer.key("booking.created", 2, "A"), 1, 0, 2000 * MS));
        seen(lane, "msg_3", body("booking.created", 2, "A"), 0, 0);
        // case 2: delivered three times, the last after a timeout the dispatcher logged
        produced.add(new WebhookProducer.Produced(WebhookProducer.key("booking.created", 3, "A"), 2, 0, 3000 * MS));
        seen(lane, "msg_4", body("booking.created", 3, "A"), 3, 3100);

        WebhookResult r = WebhookResult.of(produced, 4, lane, List.of(), 1, 5.0, new WebhookReceiver.Lane(),
                Set.of("msg_4"));

        assertThat(r.delivered()).isEqualTo(3);
        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(3);
        assertThat(r.afterTimeouts()).isEqualTo(2);
        assertThat(r.outOfOrder()).isEqualTo(1);
        assertThat(r.unknown()).isZero();
        assertThat(r.passed()).as("lost and out of order").isFalse();
        assertThat(r.benchLine()).isEqualTo("BENCH webhooks events=4 delivered=3 lost=1 duplicates=3 p99_ms=100.0"
                + " baseline_p99_ms=5.0");
    }

    @Test
    void aSupervisionItemsEventsAreMatchedByItemAndOrderedWithTheBookingOfTheirCase() {
        WebhookReceiver.Lane lane = new WebhookReceiver.Lane();
        List<WebhookProducer.Produced> produced = new ArrayList<>();
        produced.add(new WebhookProducer.Produced(WebhookProducer.key("booking.created", 1, "A"), 0, 0, 1000 * MS));
        produced.add(new WebhookProducer.Produced(WebhookProducer.key("supervision.opened", 7, "DB-2026-000001"), 0, 1,
                1010 * MS));
        produced.add(new WebhookProducer.Produced(WebhookProducer.key("supervision.replied", 7, "DB-2026-000001"), 0,
                2, 1020 * MS));
        seen(lane, "msg_1", body("booking.created", 1, "A"), 1, 1100);
        seen(lane, "msg_2", "{\"type\":\"supervision.opened\",\"data\":{\"itemId\":7,\"itemNumber\":"
                + "\"DB-2026-000001\",\"caseNumber\":\"WB-0\",\"officeIds\":[3],\"deadline\":null}}", 1, 1200);
        seen(lane, "msg_3", "{\"type\":\"supervision.replied\",\"data\":{\"itemId\":7,\"itemNumber\":"
                + "\"DB-2026-000001\",\"caseNumber\":\"WB-0\",\"officeIds\":[2],\"deadline\":null}}", 1, 1150);

        WebhookResult r = WebhookResult.of(produced, 3, lane, List.of(), 0, 1.0, new WebhookReceiver.Lane(), Set.of());

        assertThat(r.delivered()).isEqualTo(3);
        assertThat(r.supervisionDelivered()).isEqualTo(2);
        assertThat(r.unknown()).isZero();
        assertThat(r.outOfOrder()).as("replied delivered before opened").isEqualTo(1);
    }

    @Test
    void eventsOverlappingAKillWindowAreLeftOutOfTheP99AndMoreDuplicatesThanInFlightFail() {
        WebhookReceiver.Lane lane = new WebhookReceiver.Lane();
        List<WebhookProducer.Produced> produced = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            produced.add(new WebhookProducer.Produced(WebhookProducer.key("booking.created", i, "A"), i, 0,
                    i * 1000 * MS));
            seen(lane, "msg_" + i, body("booking.created", i, "A"), i == 5 ? 2 : 1, i * 1000 + (i == 5 ? 9000 : 20));
        }
        // the kill at 4500 ms, the restarted node's first delivery at 14 000 ms: events 5 (5000 -> 14 000) to 9
        // (committed at 9000, before the window's end) overlap it; 0 to 4 were delivered before the kill
        List<WebhookKills.Window> windows = List.of(new WebhookKills.Window(4500 * MS, 9000 * MS, 14_000 * MS));

        WebhookResult r = WebhookResult.of(produced, 10, lane, windows, 0, 1.0, new WebhookReceiver.Lane(), Set.of());

        assertThat(r.inWindows()).isEqualTo(5);
        assertThat(r.p99()).isEqualTo(20.0);
        assertThat(r.p99All()).isEqualTo(9000.0);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.passed()).as("one duplicate, nothing in flight at the kill").isFalse();
        WebhookResult bounded = WebhookResult.of(produced, 10, lane, windows, 1, 1.0, new WebhookReceiver.Lane(),
                Set.of());
        assertThat(bounded.passed()).isTrue();
    }
}
