package org.lianxin.bench;

import java.util.ArrayList;
import java.util.List;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dispatchers' JVMs ({@link WebhookNode}) for {@code bench webhooks}: {@code nodes} app nodes (1 or more, each a JVM
 * named {@code bench-node-<i>}), started, killed with {@code kill -9} one at a time in turn and started again at once
 * under the same name, as an app node restarted on its host. At each kill the node is first stopped
 * ({@code kill -STOP}: it claims and records nothing more, and its database sessions — its lock with them — stay
 * open), the deliveries it had claimed and not recorded are counted (leased to it, still pending: the messages in
 * flight, the most that may arrive twice), and then it is killed ({@code kill -9}). A kill window runs from the stop to
 * the first delivery after the restarted JVM said STARTED. With several nodes, the others go on sending meanwhile and
 * take the dead node's leases as soon as its lock is free (issue 13); with one, its restart takes them back.
 */
final class WebhookKills {
    /** A kill window, in {@link System#nanoTime()}: {@code end} is 0 while nothing was delivered after the restart. */
    record Window(long start, long restarted, long end) {
    }

    private final TestDatabases.Jdbc db;
    private final JdbcClient jdbc;
    private final WebhookReceiver.Lane lane;
    private final long timeoutMs;
    private final long leaseMs;
    private final List<long[]> kills = new ArrayList<>();
    private final List<ChildJvm> nodes = new ArrayList<>();
    private final int[] generation;
    private int inFlight;

    WebhookKills(TestDatabases.Jdbc db, JdbcClient jdbc, WebhookReceiver.Lane lane, long timeoutMs, long leaseMs,
                 int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes: at least 1, was " + nodes);
        }
        this.db = db;
        this.jdbc = jdbc;
        this.lane = lane;
        this.timeoutMs = timeoutMs;
        this.leaseMs = leaseMs;
        this.generation = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            this.nodes.add(null);
        }
    }

    static String name(int node) {
        return "bench-node-" + (node + 1);
    }

    void start() throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            start(i);
        }
    }

    private void start(int i) throws Exception {
        generation[i]++;
        ChildJvm node = new ChildJvm(name(i) + "-run-" + generation[i], "512m", List.of("STARTED"), WebhookNode.class,
                List.of(name(i))); // one name for every run of a node: a restart takes its dead run's leases back
        nodes.set(i, node);
        node.send(db.url() + "\t" + db.user() + "\t" + db.password() + "\t" + timeoutMs + "\t" + leaseMs + "\t"
                + WebhookBench.PERSONAL_DATA_KEY);
        node.next(180);
    }

    /** Kill {@code k} (from 1): node {@code (k - 1) mod nodes} stopped, its in-flight ones counted, killed, restarted. */
    void killAndRestart(int k) throws Exception {
        int i = (k - 1) % nodes.size();
        ChildJvm node = nodes.get(i);
        long at = System.nanoTime();
        signal("STOP", node.pid());
        int leased = jdbc.sql("select count(*) from webhook_delivery where state = 'PENDING'"
                + " and lease_token is not null and leased_by = ?").param(name(i)).query(Integer.class).single();
        node.kill();
        if (!node.waitFor(30)) {
            throw new IllegalStateException("the dispatcher's JVM did not die");
        }
        inFlight += leased;
        int delivered = lane.delivered.get();
        start(i);
        long restarted = System.nanoTime();
        kills.add(new long[] {at, restarted});
        System.out.printf("kill -9 of %s's JVM after %d deliveries: %d deliveries in flight (leased to it);"
                + " restarted in %d ms%n", name(i), delivered, leased, (restarted - at) / 1_000_000);
    }

    private static void signal(String signal, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    void stop() {
        for (ChildJvm node : nodes) {
            if (node != null) {
                node.kill();
            }
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
