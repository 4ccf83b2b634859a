package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13: a node killed with {@code kill -9} while a delivery was in flight, restarted under the same name, sends
 * that delivery again at once — its lease (two minutes here) is not waited for: the node holds its name's advisory lock,
 * so the run that leased it is dead — and its case's later events after it, before events committed after the
 * restart. And a node started under the name of one that is alive (its lock held) takes nothing back: the live one's
 * delivery is not sent twice. Order of receipts is asserted, not times.
 */
class RestartTakesBackItsLeasesIT extends KilledChildWorld {

    @Override
    String database() {
        return "webhooks_takeback";
    }

    @Test
    void aNodeRestartedUnderItsNameSendsWhatItsDeadRunHadInFlightBeforeLaterEvents() throws Exception {
        for (int i = 0; i < 4; i++) {
            emit("case:9", "e" + i);
        }
        holdFirst("e1", 4000);
        child = startChild("node-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains("e1"));
        CrashIT.kill9(child);
        assertThat(JdbcClient.create(ds).sql("select count(*) from webhook_delivery where lease_token is not null"
                + " and leased_by = 'node-a' and lease_until > current_timestamp").query(Integer.class).single())
                .as("e1's lease, two minutes long, outlives the child").isEqualTo(1);

        parentNode = module("node-a");
        parentNode.dispatcher().start();
        for (int i = 0; i < 10; i++) { // events of another case, committed after the restart, one at a time
            String key = "f" + i;
            emit("case:7", key);
            await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains(key));
        }

        assertThat(lastReceipts()).as("e1 sent again at once, its case after it, before the later events")
                .containsExactly("e0", "e1", "e2", "e3", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
        assertThat(keysReceived().stream().filter("e1"::equals).count()).as("only the one in flight twice")
                .isEqualTo(2);
        assertThat(delivered()).isEqualTo(14);
    }

    @Test
    void aNodeRestartedWhileItsDeadRunsSessionLingersWaitsForItsLockBeforeItClaims() throws Exception {
        childKilledWithE1InFlight();
        try (Connection lingering = lingeringSession("node-a")) {
            // a long wait: this test, not the machine's speed, decides when the session goes
            parentNode = module(CrashChild.settings("node-a", LEASE).withNodeLockWait(Duration.ofMinutes(1)));
            parentNode.dispatcher().start();
            await().atMost(Duration.ofSeconds(30)).until(() -> advisoryLockWaiters() == 1);
            emit("case:7", "f0"); // committed while the restarted node waits for its lock
        } // the lingering session ends: its lock is freed
        for (int i = 1; i < 10; i++) {
            String key = "f" + i;
            emit("case:7", key);
            await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains(key));
        }

        assertThat(lastReceipts()).as("the take-back waited for the lock, then came before anything else")
                .containsExactly("e0", "e1", "e2", "e3", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
        assertThat(keysReceived().stream().filter("e1"::equals).count()).isEqualTo(2);
        assertThat(delivered()).isEqualTo(14);
    }

    @Test
    void aNodeWhoseLockIsStillRefusedAfterItsWaitGoesOnAndTakesBackAsSoonAsTheLockIsFree() throws Exception {
        childKilledWithE1InFlight();
        lingering = lingeringSession("node-a");
        // a short wait, and a poll of a minute: only the lock's own retry can take back within the 2 min lease
        WebhookSettings s = CrashChild.settings("node-a", LEASE).withNodeLockWait(Duration.ofMillis(300));
        parentNode = module(new WebhookSettings(s.node(), s.workers(), s.timeout(), s.lease(), s.retry(),
                s.giveUpAfter(), s.maxRetryAfter(), s.rotationGrace(), Duration.ofMinutes(1), s.nodeLockWait(),
                s.backlogWorkers()));
        parentNode.dispatcher().start();
        emit("case:7", "f0");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains("f0"));
        assertThat(keysReceived()).as("e1's case waits behind its lease meanwhile").containsExactly("e0", "e1", "f0");

        lingering.close();
        // well within e1's two-minute lease: taken back, not lapsed
        await().atMost(Duration.ofSeconds(45)).until(() -> delivered() == 5);
        assertThat(lastReceipts()).containsExactly("e0", "f0", "e1", "e2", "e3");
    }

    @Test
    void aNodeStartedUnderTheNameOfALiveOneTakesNothingBack() throws Exception {
        for (int i = 0; i < 3; i++) {
            emit("case:9", "e" + i);
        }
        holdFirst("e0", 3000);
        child = startChild("node-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains("e0"));

        parentNode = module("node-a"); // a twin: the child still runs and holds the name's lock
        parentNode.dispatcher().start();
        emit("case:7", "f0");
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered() == 4);

        assertThat(keysReceived().stream().filter("e0"::equals).count())
                .as("the live child's delivery is not taken from it").isEqualTo(1);
        assertThat(lastReceipts()).containsSubsequence("e0", "e1", "e2");
    }
}
