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
        assertThat(ComposeClaim.holds("worker-a", ComposedState.RUNNING, "worker-a")).isTrue();
        assertThat(ComposeClaim.holds("worker-a", ComposedState.RUNNING, "worker-b")).isFalse();
        assertThat(ComposeClaim.holds("worker-a", ComposedState.QUEUED, null)).isFalse();
        // finished by its holder: no more renewals or ends from it
        assertThat(ComposeClaim.holds("worker-a", ComposedState.DONE, "worker-a")).isFalse();
        assertThat(ComposeClaim.holds(null, ComposedState.RUNNING, null)).isFalse();
    }

    @Test
    void aLeaseIsRenewedEveryThirdOfIt() {
        assertThat(ComposeClaim.renewEvery(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> ComposeClaim.renewEvery(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
