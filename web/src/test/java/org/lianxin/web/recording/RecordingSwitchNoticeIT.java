package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Recording;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.testing.WsClient;

/**
 * The consultation's recording switch made through the instance that does not own the room is carried out by the
 * owner at once (issue 14): two whole application instances on one PostgreSQL database, each with a fake Janus, the
 * room owned by A, the host's {@code PUT …/recording} sent to B — and each instance's reading of the switches
 * ({@code lianxin.recording.switch-check}) set to 10 minutes, so that only B's notice can tell A within the test's
 * waits. Before the notice (A read the switch every second, nothing else told it) this failed: the switch waited for
 * that reading.
 */
class RecordingSwitchNoticeIT extends SwitchThroughTheOtherNode {
    /** Far below the switch check (10 min): only the notice can make it; a few seconds on a loaded machine. */
    static final Duration AT_ONCE = Duration.ofSeconds(5);

    @BeforeAll
    static void start() throws Exception {
        // the safety net out of the way: only the notice tells
        startBoth("web_recording_switch_notice", Map.of("lianxin.recording.switch-check", "10m"));
    }

    @Test
    void recordingSwitchedThroughTheOtherInstanceIsCarriedOutByTheOwnerAtOnce() throws Exception {
        long id = consultation();
        String room = RoomSubject.consultation(id).roomId();
        try (WsClient host = hostJoinsOnA(id)) {
            long t0 = System.nanoTime();
            switchOnB(id, true);
            await("the owner records the room at once").atMost(AT_ONCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> recorder(appA).isCapturing(room));
            long on = (System.nanoTime() - t0) / 1_000_000;
            assertThat(recorder(appB).isCapturing(room)).as("no recorder on the instance not owning the room")
                    .isFalse();
            Recording r = catalog().openInRoom(room).orElseThrow();
            assertThat(instanceOf(r.id())).as("the catalog row stays the owner's").isEqualTo("app-a");

            t0 = System.nanoTime();
            switchOnB(id, false);
            await("the owner stops recording at once").atMost(AT_ONCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> !recorder(appA).isCapturing(room));
            long off = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("RecordingSwitchNoticeIT: switched on through B, recording on A after %d ms; off after"
                    + " %d ms (from the PUT's start)%n", on, off);
            await().atMost(WITHIN).until(() -> catalog().find(r.id()).orElseThrow().endedAt() != null);
            assertThat(timeline(r.id())).containsSubsequence("RECORDING_ON", "RECORDING_STARTED", "RECORDING_OFF",
                    "RECORDING_ENDED");
            assertThat(instanceOf(r.id())).isEqualTo("app-a");
        }
    }
}
