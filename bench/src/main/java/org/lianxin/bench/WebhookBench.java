package org.lianxin.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.supervision.Supervision;
import org.lianxin.web.LianxinApplication;
import org.lianxin.webhooks.EndpointDraft;
import org.lianxin.webhooks.NewSecret;
import org.lianxin.webhooks.Webhooks;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ./lianxin bench webhooks}: N events ({@code bench.webhooks.events} or LIANXIN_BENCH_EVENTS, 20 000) from real booking
 * and supervision changes ({@link WebhookProducer}: the application in this JVM on PostgreSQL, its own dispatcher off)
 * are delivered by the real dispatchers of {@code bench.webhooks.nodes} (LIANXIN_BENCH_NODES, 2) app nodes, each a JVM of
 * its own ({@link WebhookNode}; {@link WebhookKills}: one node at a time killed with {@code kill -9}
 * {@code bench.webhooks.kills} times (2) during the run and started again at once) to {@link WebhookReceiver}, which
 * fails 20 % of first attempts and answers slowly now and then. Then a bare POST loop (as many threads as the
 * dispatcher has workers, each failed POST sent again at once) sends the same bodies to the same receiver on the same
 * schedule as they were committed: the baseline. Latency: commit (the producer's clock, as the change's call returns)
 * to the first 2xx answer (the receiver's clock, same JVM). A kill window runs from the kill to the first delivery
 * after the killed node's JVM is up again (by any node); {@code p99_ms} leaves out the events whose commit-to-delivery overlaps one (they are
 * counted, and the p99 over all events is printed too). Last line:
 * {@code BENCH webhooks events=<n> delivered=<n> lost=<n> duplicates=<n> p99_ms=<x> baseline_p99_ms=<x>}, after an
 * {@code out_of_order=<n>} line. Exit 0 only if nothing is lost, nothing is out of order and the duplicates are no more
 * than the deliveries in flight at the kills.
 */
public final class WebhookBench {
    static final long TIMEOUT_MS = 2000;
    static final long LEASE_MS = 7000;
    static final int WORKERS = 16;

    private WebhookBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(setting("bench.webhooks.events", "LIANXIN_BENCH_EVENTS", "20000"));
        int kills = Integer.parseInt(setting("bench.webhooks.kills", "LIANXIN_BENCH_KILLS", "2"));
        double rate = Double.parseDouble(setting("bench.webhooks.rate", "LIANXIN_BENCH_RATE", "150"));
        int nodes = Integer.parseInt(setting("bench.webhooks.nodes", "LIANXIN_BENCH_NODES", "2"));
        WebhookResult r = run(events, kills, rate, nodes, "bench_webhooks", true);
        System.exit(r.passed() ? 0 : 1);
    }

    /**
     * One run on a fresh database of the throwaway PostgreSQL, with or without the baseline after it; prints the report
     * and returns it.
     */
    static WebhookResult run(int events, int kills, double rate, int nodes, String database, boolean withBaseline)
            throws Exception {
        int cases = (events + WebhookProducer.STEPS - 1) / WebhookProducer.STEPS;
        TestDatabases.Jdbc db = TestDatabases.postgresUrl(database);
        Path data = Files.createTempDirectory("lianxin-bench-webhooks-");
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %s; %d events (%d cases x %d), %d dispatcher"
                        + " nodes, %d kills, %.0f events/s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage(), cases * WebhookProducer.STEPS, cases, WebhookProducer.STEPS, nodes, kills, rate);
        try (WebhookReceiver receiver = new WebhookReceiver(TIMEOUT_MS);
             ConfigurableApplicationContext app = startApp(db, data)) {
            Webhooks webhooks = app.getBean(Webhooks.class);
            Scheduler scheduler = app.getBean(Scheduler.class);
            JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
            long province = scheduler.offices().byCode("510000").id();
            NewSecret endpoint = webhooks.create(province, new EndpointDraft(receiver.url("hook"),
                    "四川省信访信息系统（基准测试） / petition information system (bench)", Set.of(), true));
            receiver.secret(endpoint.secret());
            WebhookProducer producer = new WebhookProducer(scheduler, app.getBean(Supervision.class), province,
                    "510104",
                    Long.toString(System.currentTimeMillis() % 100_000, 36));
            WebhookKills killer = new WebhookKills(db, jdbc, receiver.hook, TIMEOUT_MS, LEASE_MS, nodes);
            killer.start();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            Thread producing = new Thread(() -> {
                try {
                    producer.run(cases, 8, rate, start);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "producing");
            producing.start();
            int total = cases * WebhookProducer.STEPS;
            for (int k = 1; k <= kills; k++) {
                int at = (int) ((long) total * k / (kills + 1));
                while (producer.count.get() < at && producing.isAlive()) {
                    Thread.sleep(20); // polled: the kill falls mid-stream, wherever the producer is
                }
                killer.killAndRestart(k);
            }
            producing.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            long produced = producer.count.get();
            long queued = jdbc.sql("select count(*) from webhook_message").query(Long.class).single();
            System.out.printf(Locale.ROOT, "produced %d changes (%d of supervision items) in %.0f s (%.0f/s; %d cases"
                    + " stopped on an error), %d events in the outbox, %d delivered by then%n", produced,
                    producer.supervisionEvents.get(), seconds, produced / seconds, producer.errors.get(), queued,
                    receiver.hook.delivered.get());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (receiver.hook.delivered.get() < produced && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(LEASE_MS + 1000); // duplicates of leases lapsing late still arrive and are counted
            killer.stop();
            List<WebhookProducer.Produced> all = new ArrayList<>(producer.produced);
            double baselineP99 = withBaseline ? new WebhookBaseline(receiver, endpoint.secret(), WORKERS, TIMEOUT_MS)
                    .run(all, receiver.hook) : Double.NaN;
            java.util.Set<String> unanswered = new java.util.HashSet<>(jdbc.sql("select distinct m.msg_id from"
                    + " webhook_attempt a join webhook_delivery d on d.id = a.delivery_id join webhook_message m"
                    + " on m.id = d.message_id where a.status is null").query(String.class).list());
            WebhookResult r = WebhookResult.of(all, queued, receiver.hook, killer.windows(), killer.inFlight(),
                    baselineP99, receiver.baseline, unanswered);
            r.print();
            Map<String, Long> firstOk = new HashMap<>();
            receiver.hook.byId.values().forEach(s -> {
                if (s.firstOkNanos.get() != 0) {
                    firstOk.put(WebhookResult.keyOf(s.body), s.firstOkNanos.get());
                }
            });
            WebhookTail.of(all, firstOk, killer.windows()).print();
            Map<String, WebhookReceiver.Seen> byKey = new HashMap<>();
            receiver.hook.byId.values().forEach(s -> byKey.put(WebhookResult.keyOf(s.body), s));
            WebhookSlowEvents.of(all, byKey, killer.windows()).print();
            System.out.printf(Locale.ROOT, "load average after the run %s%n", loadAverage());
            System.out.println(r.benchLine());
            return r;
        } finally {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The application on PostgreSQL with the demo data (dev profile), its webhook dispatcher off. */
    /**
     * The run's personal-data key (base64 of 32 random bytes): the app seals the endpoint's signing secret with it and
     * the dispatcher's JVM opens it with the same key (handed over on its stdin, never on a command line).
     */
    static final String PERSONAL_DATA_KEY = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static ConfigurableApplicationContext startApp(TestDatabases.Jdbc db, Path data) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        byte[] password = new byte[15];
        new SecureRandom().nextBytes(password);
        return new SpringApplication(LianxinApplication.class).run(
                "--spring.profiles.active=dev",
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--lianxin.data-dir=" + data,
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--spring.datasource.hikari.maximum-pool-size=20",
                "--lianxin.webhooks.enabled=false",
                "--lianxin.notification.session-reminder.enabled=false",
                "--lianxin.demo.password=" + Base64.getUrlEncoder().withoutPadding().encodeToString(password),
                "--lianxin.scheduler.identity-key=" + Base64.getEncoder().encodeToString(key),
                "--lianxin.personal-data.key=" + PERSONAL_DATA_KEY,
                "--logging.level.root=WARN",
                "--logging.level.org.lianxin=WARN");
    }

    /** A system property, else the launcher's environment variable, else the default. */
    static String setting(String property, String env, String fallback) {
        String p = System.getProperty(property);
        return p != null ? p : System.getenv().getOrDefault(env, fallback);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4);
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
