package org.lianxin.bench;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.FreeSlot;
import org.lianxin.scheduler.NewBooking;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.NewOffice;
import org.lianxin.scheduler.NewOfficial;
import org.lianxin.scheduler.NewTerminal;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OfficialKind;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.WeeklyWindow;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * {@code ./lianxin bench booking}: 1000 concurrent booking attempts (32 threads) on 100 free slots of 10 officials
 * and their terminals, on PostgreSQL; then the free-slot search of an office of 20 officials over 60 days.
 * Baseline in the same run: the same 1000 transactions as bare single-row INSERTs through the same pool (the cost
 * floor of one write transaction on this database), and a bare one-query read for the availability search.
 */
public final class BookingBench {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int THREADS = 32;
    static final int OFFICIALS = 10;
    static final int SLOTS_PER_OFFICIAL = 10;
    static final int ATTEMPTS_PER_SLOT = 10;

    public static void main(String[] args) throws Exception {
        // the application's pool as Spring Boot configures it by default (HikariCP, 10 connections)
        int poolSize = Integer.getInteger("lianxin.bench.pool", 10);
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("bench_booking");
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(poolSize);
        DataSource ds = new com.zaxxer.hikari.HikariDataSource(config);
        org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        Scheduler s = Scheduler.create(ds, new DataSourceTransactionManager(ds), Clock.systemUTC(),
                new SchedulerSettings(Duration.ofDays(60), ZONE, "bench-identity-key-0123456789".getBytes()));
        Actor bootstrap = new Actor("bench", Role.ADMIN, 0, null);
        Office province = s.offices().create(bootstrap, new NewOffice("510000", "四川省", "Sichuan",
                OfficeLevel.PROVINCE, null, null));
        Actor system = Actor.system(province.id());
        s.offices().create(system, new NewOffice("510100", "成都市", "Chengdu", OfficeLevel.CITY, "510000", null));
        Office county = s.offices().create(system, new NewOffice("510104", "锦江区", "Jinjiang", OfficeLevel.COUNTY,
                "510100", null));
        List<WeeklyWindow> everyDay = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) everyDay.add(new WeeklyWindow(d, LocalTime.of(8, 0), LocalTime.of(18, 0)));
        List<Official> officials = new ArrayList<>();
        List<Terminal> terminals = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // an office of 20 officials; the first 10 take the bookings
            officials.add(s.officials().create(system, new NewOfficial(county.id(), "领导" + i, "主任",
                    OfficialKind.LEADER, 30, 10, 48, everyDay)));
            if (i < OFFICIALS) {
                terminals.add(s.terminals().create(system, new NewTerminal(county.id(), "接访室" + i, null)));
            }
        }
        Actor staff = new Actor("bench.scheduler", Role.SCHEDULER, county.id(), null);
        CaseFile c = s.cases().create(staff, new NewCase("BENCH-1", "测试", IdNumbers.valid("510104", 1), null,
                "benchmark", "OTHER", "510104"));

        LocalDate warmDay = LocalDate.now(ZONE).plusDays(3);
        LocalDate day = LocalDate.now(ZONE).plusDays(7);
        // warm-up (JIT, pool, plans) on another day, not measured
        contend(s, staff, officials, terminals, c, warmDay, 2);

        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("create table bench_baseline (id bigint generated by default as identity primary key, "
                + "official_id bigint, starts_at timestamp with time zone)").update();
        baseline(jdbc, 300); // warm-up
        double[] baseline = baseline(jdbc, OFFICIALS * SLOTS_PER_OFFICIAL * ATTEMPTS_PER_SLOT);

        Result r = contend(s, staff, officials, terminals, c, day, ATTEMPTS_PER_SLOT);

        // availability: every official of the office (20) over 60 days, sequentially
        LocalDate from = LocalDate.now(ZONE);
        LocalDate to = from.plusDays(59);
        for (int i = 0; i < 30; i++) s.availability().freeSlotsOfOffice(staff, county.id(), from, to);
        double[] availability = new double[200];
        int slotsFound = 0;
        for (int i = 0; i < availability.length; i++) {
            long t0 = System.nanoTime();
            Map<Long, List<FreeSlot>> free = s.availability().freeSlotsOfOffice(staff, county.id(), from, to);
            availability[i] = (System.nanoTime() - t0) / 1e6;
            slotsFound = free.values().stream().mapToInt(List::size).sum();
        }
        double[] rawRead = new double[200];
        for (int i = 0; i < rawRead.length; i++) {
            long t0 = System.nanoTime();
            jdbc.sql("select * from availability_window where official_id in (select id from official "
                    + "where office_id = ?)").param(county.id()).query().listOfRows();
            rawRead[i] = (System.nanoTime() - t0) / 1e6;
        }

        System.out.printf("machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"));
        System.out.printf("connection pool: %d%n", poolSize);
        System.out.printf("booking attempts: %d on %d slots, %d threads; winners %d; refused %d; unexpected %d%n",
                r.attempts, r.slots, THREADS, r.winners, r.refused, r.unexpected);
        System.out.printf("booking wall %.0f ms (%.0f attempts/s); winners p50 %.2f p99 %.2f; refused p50 %.2f p99 %.2f%n",
                r.wallNanos / 1e6, r.attempts / (r.wallNanos / 1e9), pct(r.of(true), 50), pct(r.of(true), 99),
                pct(r.of(false), 50), pct(r.of(false), 99));
        System.out.printf("booking latency ms: p50 %.2f p99 %.2f max %.2f; baseline bare INSERT tx p50 %.2f p99 %.2f%n",
                pct(r.latencies, 50), pct(r.latencies, 99), pct(r.latencies, 100), pct(baseline, 50),
                pct(baseline, 99));
        System.out.printf("availability (20 officials, 60 days, %d free slots) ms: p50 %.2f p95 %.2f; "
                + "baseline one-query read p95 %.2f%n", slotsFound, pct(availability, 50), pct(availability, 95),
                pct(rawRead, 95));
        if (r.winners != r.slots || r.unexpected > 0) {
            System.out.println("FAILED: winners must equal slots and no unexpected errors");
        }
        System.out.printf("BENCH booking attempts=%d slots=%d winners=%d p50_ms=%.2f p99_ms=%.2f "
                        + "availability_p95_ms=%.2f baseline_insert_p50_ms=%.2f baseline_insert_p99_ms=%.2f%n",
                r.attempts, r.slots, r.winners, pct(r.latencies, 50), pct(r.latencies, 99), pct(availability, 95),
                pct(baseline, 50), pct(baseline, 99));
        ((AutoCloseable) ds).close();
        System.exit(r.winners == r.slots && r.unexpected == 0 ? 0 : 1);
    }

    record Result(int attempts, int slots, int winners, int refused, int unexpected, double[] latencies,
                  boolean[] won, long wallNanos) {
        double[] of(boolean winners) {
            return java.util.stream.IntStream.range(0, latencies.length).filter(i -> won[i] == winners)
                    .mapToDouble(i -> latencies[i]).toArray();
        }
    }

    static Result contend(Scheduler s, Actor staff, List<Official> officials, List<Terminal> terminals, CaseFile c,
                          LocalDate day, int attemptsPerSlot) throws Exception {
        List<NewBooking> attempts = new ArrayList<>();
        for (int o = 0; o < OFFICIALS; o++) {
            for (int k = 0; k < SLOTS_PER_OFFICIAL; k++) {
                Instant start = day.atTime(8, 0).plusMinutes(40L * k).atZone(ZONE).toInstant();
                for (int a = 0; a < attemptsPerSlot; a++) {
                    attempts.add(new NewBooking(officials.get(o).id(), terminals.get(o).id(), c.id(), start, List.of()));
                }
            }
        }
        Collections.shuffle(attempts, new Random(1));
        double[] latencies = new double[attempts.size()];
        boolean[] won = new boolean[attempts.size()];
        AtomicInteger winners = new AtomicInteger(), refused = new AtomicInteger(), unexpected = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                go.await();
                long t0 = System.nanoTime();
                try {
                    s.bookings().book(staff, attempts.get(index));
                    winners.incrementAndGet();
                    won[index] = true;
                } catch (SchedulerException e) {
                    refused.incrementAndGet();
                } catch (RuntimeException e) {
                    unexpected.incrementAndGet();
                    System.err.println("unexpected: " + e);
                }
                latencies[index] = (System.nanoTime() - t0) / 1e6;
                return null;
            }));
        }
        long t0 = System.nanoTime();
        go.countDown();
        for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
        long wall = System.nanoTime() - t0;
        pool.shutdown();
        return new Result(attempts.size(), OFFICIALS * SLOTS_PER_OFFICIAL, winners.get(), refused.get(),
                unexpected.get(), latencies, won, wall);
    }

    /** The same number of write transactions, 32 threads, each one bare INSERT and commit. */
    static double[] baseline(JdbcClient jdbc, int n) throws Exception {
        double[] latencies = new double[n];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                go.await();
                long t0 = System.nanoTime();
                jdbc.sql("insert into bench_baseline (official_id, starts_at) values (?, current_timestamp)")
                        .param(index).update();
                latencies[index] = (System.nanoTime() - t0) / 1e6;
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
        pool.shutdown();
        return latencies;
    }

    static double pct(double[] values, double p) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
