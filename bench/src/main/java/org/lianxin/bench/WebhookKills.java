package org.lianxin.bench;

import java.util.ArrayList;
import java.util.List;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dispatcher's JVM ({@link WebhookNode}) for {@code bench webhooks}: started, killed with {@code kill -9}
 * ({@link Process#destroyForcibly()}, SIGKILL on Linux) and started again at once. At each kill it counts the
 * deliveries the dead node had claimed and not recorded (leased, still pending): the messages in flight, the most that
 * may arrive twice. A kill window runs from the kill to the restarted node's first delivery (the first 2xx the
 * receiver answers after the new JVM said STARTED). Every run of the node has the same name ({@code bench-node}), as an
 * app node restarted on its host does: a restarted node holds its name's lock and takes the dead run's leases back at
 * once (issue 13; until 2026-12-03 each run had a name of its own and waited for them to lapse).
 */
final class WebhookKills {
    /** A kill window, in {@link System#nanoTime()}: {@code end} is 0 while the restarted node has delivered nothing. */
    record Window(long start, long restarted, long end) {
    }

    private final TestDatabases.Jdbc db;
    private final JdbcClient jdbc;
    private final WebhookReceiver.Lane lane;
    private final long timeoutMs;
    private final long leaseMs;
    private final List<long[]> kills = new ArrayList<>();
    private ChildJvm node;
    private int generation;
    private int inFlight;

    WebhookKills(TestDatabases.Jdbc db, JdbcClient jdbc, WebhookReceiver.Lane lane, long timeoutMs, long leaseMs) {
        this.db = db;
        this.jdbc = jdbc;
        this.lane = lane;
        this.timeoutMs = timeoutMs;
        this.leaseMs = leaseMs;
    }

    void start() throws Exception {
        generation++;
        node = new ChildJvm("dispatcher-" + generation, "512m", List.of("STARTED"), WebhookNode.class,
                List.of("bench-node")); // one name for every run: a restart takes its dead run's leases back
        node.send(db.url() + "\t" + db.user() + "\t" + db.password() + "\t" + timeoutMs + "\t" + leaseMs + "\t"
                + WebhookBench.PERSONAL_DATA_KEY);
        node.next(180);
    }

    void killAndRestart() throws Exception {
        long at = System.nanoTime();
        node.kill();
        if (!node.waitFor(30)) {
            throw new IllegalStateException("the dispatcher's JVM did not die");
        }
        int leased = jdbc.sql("select count(*) from webhook_delivery where state = 'PENDING'"
                + " and lease_token is not null").query(Integer.class).single();
        inFlight += leased;
        int delivered = lane.delivered.get();
        start();
        long restarted = System.nanoTime();
        kills.add(new long[] {at, restarted});
        System.out.printf("kill -9 of the dispatcher's JVM after %d deliveries: %d deliveries in flight (leased);"
                + " restarted in %d ms%n", delivered, leased, (restarted - at) / 1_000_000);
    }

    void stop() {
        if (node != null) {
            node.kill();
        }
    }

    int inFlight() {
        return inFlight;
    }

    List<Window> windows() {
        List<Window> out = new ArrayList<>();
        for (long[] k : kills) {
            out.add(new Window(k[0], k[1], lane.firstOkAfter(k[1])));
        }
        return out;
    }
}
