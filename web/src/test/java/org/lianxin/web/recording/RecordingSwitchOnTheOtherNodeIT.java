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
 * The consultation's recording switch behind a load balancer (issue 14): two whole application instances on one
 * PostgreSQL database, each with a fake Janus; the consultation's room is owned by instance A (its first join token was
 * asked there) and the host's {@code PUT …/recording} reaches instance B. The switch must take effect on A — A records
 * the room, its catalog row names A — and B must not become a recorder of a room it does not own (before the fix B
 * made a recorder there, which never captures: no room events reach it, and moved the catalog row to itself).
 */
class RecordingSwitchOnTheOtherNodeIT extends SwitchThroughTheOtherNode {

    @BeforeAll
    static void start() throws Exception {
        startBoth("web_recording_switch", Map.of());
    }

    @Test
    void recordingSwitchedOnAndOffThroughTheOtherInstanceIsCarriedOutByTheRoomsOwner() throws Exception {
        long id = consultation();
        String room = RoomSubject.consultation(id).roomId();
        try (WsClient host = hostJoinsOnA(id)) {
            switchOnB(id, true);
            await("the owner records the room").atMost(WITHIN).until(() -> recorder(appA).isCapturing(room));
            assertThat(recorder(appB).isCapturing(room)).as("no recorder on the instance not owning the room")
                    .isFalse();
            Recording r = catalog().openInRoom(room).orElseThrow();
            assertThat(instanceOf(r.id())).as("the catalog row stays the owner's").isEqualTo("app-a");

            switchOnB(id, false);
            await("the owner stops recording").atMost(WITHIN).until(() -> !recorder(appA).isCapturing(room));
            await().atMost(WITHIN).until(() -> catalog().find(r.id()).orElseThrow().endedAt() != null);
            assertThat(catalog().openInRoom(room)).isEmpty();
            assertThat(catalog().ofConsultation(id)).singleElement().extracting(Recording::id).isEqualTo(r.id());
            assertThat(timeline(r.id())).containsSubsequence("RECORDING_ON", "RECORDING_STARTED", "RECORDING_OFF",
                    "RECORDING_ENDED");
            assertThat(instanceOf(r.id())).isEqualTo("app-a");
        }
    }

    @Test
    void recordingSwitchedOnThroughTheOtherInstanceBeforeTheRoomOpensIsRecordedWhereTheRoomOpens() throws Exception {
        long id = consultation();
        String room = RoomSubject.consultation(id).roomId();
        switchOnB(id, true);
        assertThat(recorder(appB).isCapturing(room)).as("no recorder on an instance without the room").isFalse();
        try (WsClient host = hostJoinsOnA(id)) {
            await("the owner records the room").atMost(WITHIN).until(() -> recorder(appA).isCapturing(room));
            assertThat(recorder(appB).isCapturing(room)).isFalse();
            Recording r = catalog().openInRoom(room).orElseThrow();
            assertThat(catalog().ofConsultation(id)).as("one recording").singleElement().extracting(Recording::id)
                    .isEqualTo(r.id());
            assertThat(instanceOf(r.id())).isEqualTo("app-a");
            assertThat(timeline(r.id())).contains("RECORDING_ON").doesNotContain("TAKEN_OVER");
        }
    }
}
