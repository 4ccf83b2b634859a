package org.lianxin.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** When a holder counts as dead by its advisory lock: a kill, a database restart, a failover, a pause. */
class HolderLivenessTest {
    static final Instant RUN_1 = Instant.parse("2026-12-03T06:00:00.123456Z");
    static final Instant RUN_2 = Instant.parse("2026-12-03T09:14:07.654321Z");

    @Test
    void aHolderWhoseLockIsFreeOnTheServerRunItHeldItOnIsDead() { // kill -9: its connection closed
        assertThat(HolderLiveness.dead(RUN_1, RUN_1, true)).isTrue();
    }

    @Test
    void aHolderWhoseLockIsHeldIsAliveEvenWhenItStoppedRenewing() { // a paused JVM keeps its connection
        assertThat(HolderLiveness.dead(RUN_1, RUN_1, false)).isFalse();
    }

    @Test
    void afterADatabaseRestartEveryLockIsFreeButNoHolderIsDeadUntilItTookItsLockAgainAndWroteTheRow() {
        // the row still names the run before the restart: the holder may be about to take its lock again
        assertThat(HolderLiveness.dead(RUN_1, RUN_2, true)).isFalse();
        // it took its lock on the new run and renewed: from then on a free lock means it is gone
        assertThat(HolderLiveness.dead(RUN_2, RUN_2, false)).isFalse();
        assertThat(HolderLiveness.dead(RUN_2, RUN_2, true)).isTrue();
    }

    @Test
    void afterAFailoverTheNewPrimaryHasAnotherStartTimeSoNobodyIsJudgedByLocksItNeverHeld() {
        Instant replicaStartedLongAgo = RUN_1.minusSeconds(86_400);
        assertThat(HolderLiveness.dead(RUN_1, replicaStartedLongAgo, true)).isFalse();
    }

    @Test
    void aHolderThatHeldNoLockOrADatabaseWithoutLocksIsNeverDeadByLock() {
        assertThat(HolderLiveness.dead(null, RUN_1, true)).isFalse(); // H2, or its lock connection was lost
        assertThat(HolderLiveness.dead(RUN_1, null, true)).isFalse();
    }

    @Test
    void eachHolderHasItsOwnStableKey() {
        assertThat(HolderLock.key("host-a:1:01")).isEqualTo(HolderLock.key("host-a:1:01"))
                .isNotEqualTo(HolderLock.key("host-a:1:02"));
    }
}
