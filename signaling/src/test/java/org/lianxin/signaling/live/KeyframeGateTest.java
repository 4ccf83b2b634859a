package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.EndpointId;

/** Keyframe requests paced to what the sending browser honours, and held for a renegotiating subscriber. */
class KeyframeGateTest {

    private static final EndpointId KIOSK = new EndpointId(7);
    private static final EndpointId LEADER = new EndpointId(8);

    private final LiveRoomsTest.TestClock clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    /** Requests sent to the browsers, as "endpoint@ms since start". */
    private final List<String> sent = new ArrayList<>();
    /** Scheduled tasks, run by {@link #advance}. */
    private final List<Timed> timers = new ArrayList<>();
    private final Instant start = clock.instant();
    private final KeyframeGate gate = new KeyframeGate(p -> {
        sent.add(p.value() + "@" + Duration.between(start, clock.instant()).toMillis());
        return CompletableFuture.completedFuture(null);
    }, clock, (task, delay) -> timers.add(new Timed(clock.instant().plus(delay), task)));

    private record Timed(Instant at, Runnable task) {
    }

    /** Moves the clock on by ms, running each task that falls due, in time order. */
    private void advance(long ms) {
        Instant end = clock.instant().plusMillis(ms);
        while (true) {
            Timed next = timers.stream().filter(t -> !t.at().isAfter(end))
                    .min((a, b) -> a.at().compareTo(b.at())).orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            clock.advance(Duration.between(clock.instant(), next.at()));
            next.task().run();
        }
        clock.advance(Duration.between(clock.instant(), end));
    }

    @Test
    void aRequestGoesAtOnceAndOneInsideTheBrowsersWindowGoesWhenItHasPassedOnceForAll() {
        gate.request(KIOSK);
        advance(100);
        gate.request(KIOSK);
        advance(50);
        gate.request(KIOSK);
        assertThat(sent).containsExactly("7@0");

        advance(500);

        assertThat(sent).containsExactly("7@0", "7@320");
    }

    @Test
    void aRequestForMediaBackAfterADropGoesAtOnceInsideTheWindowAndStartsANewOne() {
        gate.request(KIOSK); // during the drop: never reached the browser
        advance(100);

        gate.requestAtOnce(KIOSK);
        gate.request(KIOSK);
        advance(400);

        assertThat(sent).containsExactly("7@0", "7@100", "7@420");
    }

    @Test
    void publishersArePacedEachOnItsOwn() {
        gate.request(KIOSK);
        gate.request(LEADER);
        advance(10);
        gate.request(LEADER);
        advance(400);

        assertThat(sent).containsExactly("7@0", "8@0", "8@320");
    }

    @Test
    void aHeldPublishersRequestsWaitForTheSubscribersAnswerAndThenOneKeyframeServesAll() {
        gate.hold(KIOSK);
        advance(20);
        gate.request(KIOSK); // the recorder's forwarder is up
        advance(60);
        assertThat(sent).as("held").isEmpty();

        gate.release(KIOSK); // the console answered its new stream

        assertThat(sent).containsExactly("7@80");
        advance(1000);
        assertThat(sent).as("nothing more: the hold ran out with nothing wanted").containsExactly("7@80");
    }

    @Test
    void aHoldNeverAnsweredRunsOutAndTheRequestGoes() {
        gate.hold(KIOSK);
        gate.request(KIOSK);

        advance(KeyframeGate.LONGEST_HOLD.toMillis() - 1);
        assertThat(sent).isEmpty();
        advance(1);

        assertThat(sent).containsExactly("7@" + KeyframeGate.LONGEST_HOLD.toMillis());
    }

    @Test
    void aReleaseRightAfterAnotherRequestWaitsOutTheWindowInsteadOfBeingDroppedByTheBrowser() {
        gate.request(KIOSK);
        gate.hold(KIOSK);
        advance(100);

        gate.release(KIOSK);
        assertThat(sent).containsExactly("7@0");
        advance(300);

        assertThat(sent).containsExactly("7@0", "7@320");
    }
}
