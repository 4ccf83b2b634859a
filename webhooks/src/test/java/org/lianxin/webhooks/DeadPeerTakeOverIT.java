package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13: when a node is killed with {@code kill -9}, a live node of another name takes the dead node's leases as
 * soon as its lock is free — it does not wait for the dead node's restart, nor for the leases (two minutes here) to
 * lapse — and its case's later events follow, in order. A live node's leases are never taken: a delivery it has in
 * flight is not sent twice.
 */
class DeadPeerTakeOverIT extends KilledChildWorld {

    @Override
    String database() {
        return "webhooks_deadpeer";
    }

    /** The nodes whose attempts at the event {@code key} were answered 200, in order. */
    List<String> okSenders(String key) {
        return JdbcClient.create(ds).sql("select a.node from webhook_attempt a join webhook_delivery d"
                        + " on d.id = a.delivery_id join webhook_message m on m.id = d.message_id"
                        + " where a.status = 200 and m.body like ? order by a.id")
                .param("%\"key\":\"" + key + "\"%").query(String.class).list();
    }

    @Test
    void aLiveNodeSendsWhatADeadNodeHadInFlightWithoutWaitingForItsRestartOrItsLease() throws Exception {
        for (int i = 0; i < 4; i++) {
            emit("case:9", "e" + i);
        }
        holdFirst("e1", 4000);
        child = startChild("node-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains("e1"));
        parentNode = module("node-b"); // another app node, running when node-a dies
        parentNode.dispatcher().start();
        CrashIT.kill9(child);

        // node-a is not restarted; its lease on e1 runs two minutes: only a take-over sends e1 within the wait
        await().atMost(Duration.ofSeconds(45)).until(() -> delivered() == 4);
        assertThat(lastReceipts()).as("e1 sent again, its case's later events after it").containsExactly("e0", "e1",
                "e2", "e3");
        assertThat(keysReceived().stream().filter("e1"::equals).count()).as("only the one in flight twice")
                .isEqualTo(2);
        assertThat(okSenders("e1")).as("the live node sent it").containsExactly("node-b");
        assertThat(okSenders("e3")).containsExactly("node-b");
    }

    @Test
    void aLiveNodeNeverTakesTheLeasesOfAnotherLiveNode() throws Exception {
        for (int i = 0; i < 3; i++) {
            emit("case:9", "e" + i);
        }
        holdFirst("e0", 3000);
        child = startChild("node-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains("e0"));
        parentNode = module("node-b");
        parentNode.dispatcher().start();
        emit("case:7", "f0");
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered() == 4);

        assertThat(keysReceived().stream().filter("e0"::equals).count())
                .as("the live node-a's delivery is not taken from it").isEqualTo(1);
        assertThat(okSenders("e0")).containsExactly("node-a");
        assertThat(lastReceipts()).containsSubsequence("e0", "e1", "e2");
    }
}
