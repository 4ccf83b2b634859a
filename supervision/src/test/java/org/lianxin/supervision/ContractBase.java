package org.lianxin.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianxin.scheduler.testing.SchedulerWorld.tuesday;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the supervision contracts share: a fresh world per test, refusals that write nothing, races. */
abstract class ContractBase {
    SupervisionWorld sw;
    Supervision s;
    JdbcClient jdbc;

    abstract DataSource freshDatabase();

    @BeforeEach
    void world() {
        DataSource ds = freshDatabase();
        sw = new SupervisionWorld(ds);
        s = sw.supervision;
        jdbc = JdbcClient.create(ds);
    }

    long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** Refused with {@code rule}, and nothing written. */
    void assertRefused(Runnable action, Class<? extends SupervisionException> type, String rule) {
        List<String> tables = List.of("sv_item", "sv_history", "sv_instruction", "sv_reply", "sv_extension",
                "sv_reply_document", "sv_evaluation");
        List<Long> before = new ArrayList<>();
        for (String t : tables) before.add(rows(t));
        List<String> states = itemStates();
        int notices = sw.notices.size();
        assertThatThrownBy(action::run).isInstanceOf(type).extracting(e -> ((SupervisionException) e).rule())
                .isEqualTo(rule);
        for (int i = 0; i < tables.size(); i++) {
            assertThat(rows(tables.get(i))).as(tables.get(i) + " after a refused request").isEqualTo(before.get(i));
        }
        assertThat(itemStates()).as("items after a refused request").isEqualTo(states);
        assertThat(sw.notices).hasSize(notices);
    }

    List<String> itemStates() {
        return jdbc.sql("select state, deadline, version from sv_item order by id")
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3)).list();
    }

    Instruction assignTwoUnits(Booking b) {
        return s.instructions().give(sw.cdLeader, b.id(), new NewInstruction("请住建局和锦江区联合核查拆迁补偿", null,
                List.of(new NewAssignment(sw.w.housingDept.id(), null, true),
                        new NewAssignment(sw.w.jinjiang.id(), LocalDate.of(2026, 12, 31), false))));
    }

    Item housingItem(Instruction i) {
        return i.items().stream().filter(it -> it.unit().id() == sw.w.housingDept.id()).findFirst().orElseThrow();
    }

    interface Task {
        Object run(int n);
    }

    /** Runs {@code n} tasks released at once; each result is what it returned or the exception it threw. */
    static List<Object> race(int n, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                Callable<Object> c = () -> {
                    start.await();
                    try {
                        return task.run(k);
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(pool.submit(c));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
