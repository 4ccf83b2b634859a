package org.lianxin.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Recording.ComposedState;
import org.lianxin.recording.Recording.Status;

class ComposeClaimTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Instant QUEUED = NOW.minusSeconds(30);

    @Test
    void aQueuedCompositionOfAnEndedRecordingWithNoLeaseIsClaimable() {
        for (Status ended : new Status[] {Status.COMPLETED, Status.INTERRUPTED, Status.EMPTY}) {
            assertThat(ComposeClaim.claimable(ended, ComposedState.QUEUED, QUEUED, null, NOW)).as("%s", ended).isTrue();
        }
    }

    @Test
    void aCompositionNotQueuedForTheComposeNodesIsNeverClaimed() {
        // composed where it was recorded (compose.where=here): that node's own queue
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.QUEUED, null, null, NOW)).isFalse();
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.RUNNING, null, QUEUED, NOW)).isFalse();
    }

    @Test
    void aRecordingStillRecordingOrDeletedIsNotClaimed() {
        for (Status s : new Status[] {Status.PENDING, Status.RECORDING, Status.DELETED}) {
            assertThat(ComposeClaim.claimable(s, ComposedState.QUEUED, QUEUED, null, NOW)).as("%s", s).isFalse();
        }
    }

    @Test
    void aRunningLeaseKeepsOtherWorkersOutUntilItLapses() {
        Instant until = NOW.plusSeconds(20);
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.RUNNING, QUEUED, until, NOW)).isFalse();
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.RUNNING, QUEUED, until,
                until.minusMillis(1))).isFalse();
        // the worker died: no renewal, the lease lapses, another worker takes it
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.RUNNING, QUEUED, until, until)).isTrue();
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.RUNNING, QUEUED, until,
                until.plusSeconds(1))).isTrue();
    }

    @Test
    void aCompositionGivenBackAfterAStorageOutageWaitsForItsRetryTime() {
        Instant retryAt = NOW.plusSeconds(30);
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.QUEUED, QUEUED, retryAt, NOW)).isFalse();
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.QUEUED, QUEUED, retryAt, retryAt)).isTrue();
    }

    @Test
    void aFinishedCompositionIsNotClaimedAgain() {
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.DONE, QUEUED, null, NOW)).isFalse();
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.FAILED, QUEUED, null, NOW)).isFalse();
        assertThat(ComposeClaim.claimable(Status.COMPLETED, ComposedState.NONE, QUEUED, null, NOW)).isFalse();
    }

    @Test
    void onlyTheHolderOfARunningCompositionHoldsIt() {
        assertThat(ComposeClaim.holds("worker-a", 3, ComposedState.RUNNING, "worker-a", 3)).isTrue();
        assertThat(ComposeClaim.holds("worker-a", 3, ComposedState.RUNNING, "worker-b", 4)).isFalse();
        assertThat(ComposeClaim.holds("worker-a", 3, ComposedState.QUEUED, null, 3)).isFalse();
        // finished by its holder: no more renewals or ends from it
        assertThat(ComposeClaim.holds("worker-a", 3, ComposedState.DONE, "worker-a", 3)).isFalse();
        assertThat(ComposeClaim.holds(null, 0, ComposedState.RUNNING, null, 0)).isFalse();
    }

    @Test
    void aClaimTakenOverHoldsNothingEvenUnderTheSameName() {
        // the same compose node (same instance id) claimed it again after its lease lapsed: epoch 4, not 3
        assertThat(ComposeClaim.holds("worker-a", 3, ComposedState.RUNNING, "worker-a", 4)).isFalse();
        assertThat(ComposeClaim.holds("worker-a", 4, ComposedState.RUNNING, "worker-a", 4)).isTrue();
    }

    @Test
    void aLeaseIsRenewedEveryThirdOfIt() {
        assertThat(ComposeClaim.renewEvery(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> ComposeClaim.renewEvery(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
