package org.lianxin.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.scheduler.testing.SchedulerWorld.tuesday;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.SchedulerWorld;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many threads booking the same slots at once: the database lets exactly one win each. */
abstract class ConcurrencyContract {
    static final int THREADS = 32;
    SchedulerWorld w;
    JdbcClient jdbc;

    abstract DataSource freshDatabase();

    @BeforeEach
    void world() {
        DataSource ds = freshDatabase();
        w = new SchedulerWorld(ds);
        jdbc = JdbcClient.create(ds);
        for (Official f : List.of(w.jinjiangLeader, w.provinceLeader, w.chengduLeader, w.housingOfficial)) {
            w.scheduler.officials().updateSettings(w.system, f.id(), new CalendarSettings(30, 10, 20));
        }
    }

    @Test
    void bookingTheSameSlotsConcurrentlyLetsExactlyOneWinEach() throws Exception {
        List<Instant> slots = new ArrayList<>();
        for (int[] hm : new int[][] {{9, 0}, {9, 40}, {10, 20}, {11, 0}, {14, 0}, {14, 40}, {15, 20}, {16, 0}}) {
            slots.add(tuesday(hm[0], hm[1]));
        }
        List<NewBooking> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (Instant slot : slots) {
                // alternate terminals: the official is the contended resource
                long terminal = i % 2 == 0 ? w.jinjiangRoom1.id() : w.jinjiangRoom2.id();
                attempts.add(new NewBooking(w.jinjiangLeader.id(), terminal, w.jinjiangCase.id(), slot, List.of()));
            }
        }
        Collections.shuffle(attempts, new Random(7));
        Outcome outcome = run(attempts);
        assertThat(outcome.unexpected).as("errors other than a refusal").isEmpty();
        assertThat(outcome.winners.get()).isEqualTo(slots.size());
        assertThat(outcome.refusals.keySet()).isSubsetOf("official-busy", "terminal-busy");
        assertThat(outcome.refusals.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(attempts.size() - slots.size());
        assertNoOverlaps();
    }

    @Test
    void randomOverlappingAttemptsOnSharedOfficialsTerminalsAndInviteesNeverCollide() throws Exception {
        Random random = new Random(42);
        List<Official> hosts = List.of(w.jinjiangLeader, w.provinceLeader, w.chengduLeader);
        List<Terminal> rooms = List.of(w.jinjiangRoom1, w.jinjiangRoom2);
        List<NewBooking> attempts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Official host = hosts.get(random.nextInt(hosts.size()));
            Terminal room = rooms.get(random.nextInt(rooms.size()));
            Instant start = tuesday(9, 0).plusSeconds(60L * random.nextInt(150)); // 09:00–11:29
            List<Long> invitees = random.nextInt(3) == 0 ? List.of(w.housingOfficial.id()) : List.of();
            attempts.add(new NewBooking(host.id(), room.id(), w.jinjiangCase.id(), start, invitees));
        }
        Outcome outcome = run(attempts);
        assertThat(outcome.unexpected).as("errors other than a refusal").isEmpty();
        assertThat(outcome.winners.get()).isGreaterThanOrEqualTo(4);
        assertThat(outcome.refusals.keySet()).isSubsetOf("official-busy", "terminal-busy", "invitee-busy",
                "outside-availability");
        assertNoOverlaps();
    }

    record Outcome(AtomicInteger winners, Map<String, Integer> refusals, List<Throwable> unexpected) {
    }

    Outcome run(List<NewBooking> attempts) throws Exception {
        Outcome outcome = new Outcome(new AtomicInteger(), new ConcurrentHashMap<>(),
                Collections.synchronizedList(new ArrayList<>()));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (NewBooking attempt : attempts) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        w.scheduler.bookings().book(w.jinjiangStaff, attempt);
                        outcome.winners.incrementAndGet();
                    } catch (SchedulerException e) {
                        outcome.refusals.merge(e.rule(), 1, Integer::sum);
                    } catch (Throwable t) {
                        outcome.unexpected.add(t);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        return outcome;
    }

    /** Checked in SQL, independent of the code under test: no two active bookings of one resource overlap. */
    void assertNoOverlaps() {
        String active = "state in ('BOOKED', 'CHECKED_IN', 'IN_SESSION')";
        long officialOverlaps = jdbc.sql("select count(*) from booking a join booking b on a.id < b.id "
                + "and a.official_id = b.official_id and a.starts_at < b.busy_until and b.starts_at < a.busy_until "
                + "where a." + active + " and b." + active).query(Long.class).single();
        long terminalOverlaps = jdbc.sql("select count(*) from booking a join booking b on a.id < b.id "
                + "and a.terminal_id = b.terminal_id and a.starts_at < b.busy_until and b.starts_at < a.busy_until "
                + "where a." + active + " and b." + active).query(Long.class).single();
        // every official's engagements, as host or invitee
        long personOverlaps = jdbc.sql("with e as (select id, official_id as who, starts_at, busy_until from booking "
                + "where " + active + " union all select b.id, i.official_id, b.starts_at, b.busy_until "
                + "from booking_invitation i join booking b on b.id = i.booking_id where i.state <> 'DECLINED' and b."
                + active + ") select count(*) from e x join e y on x.id < y.id and x.who = y.who "
                + "and x.starts_at < y.busy_until and y.starts_at < x.busy_until").query(Long.class).single();
        assertThat(officialOverlaps).isZero();
        assertThat(terminalOverlaps).isZero();
        assertThat(personOverlaps).isZero();
    }
}
