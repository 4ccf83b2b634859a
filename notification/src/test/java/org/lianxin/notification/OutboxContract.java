package org.lianxin.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.backoff.Backoff;
import org.lianxin.notification.testing.FakeChannel;
import org.lianxin.notification.testing.MapDirectory;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.testing.MutableClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox and its dispatcher against a real database; run once on PostgreSQL and once on H2. */
abstract class OutboxContract {
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    static final Recipient LEADER = Recipient.user("leader1");
    static final Recipient UNIT = Recipient.officeStaff(40, Role.OFFICIAL, Role.SCHEDULER);

    DataSource ds;
    JdbcClient jdbc;
    DataSourceTransactionManager transactions;
    TransactionTemplate tx;
    MutableClock clock;
    MapDirectory directory;
    FakeChannel channel;
    List<NotificationModule> modules = new ArrayList<>();

    abstract DataSource freshDatabase();

    /**
     * PostgreSQL passes over a locked row to the next one. On H2 (2.4) a second dispatcher's
     * {@code … limit 1 for update skip locked} was seen to find no row at all while the first held the head row, so
     * it waits for its next pass instead of sharing the work — never a row twice, which is what both must guarantee
     * (and H2 runs embedded in one node anyway).
     */
    boolean skipLockedTakesTheNextRow() {
        return true;
    }

    @BeforeEach
    void outbox() {
        ds = freshDatabase();
        jdbc = JdbcClient.create(ds);
        transactions = new DataSourceTransactionManager(ds);
        tx = new TransactionTemplate(transactions);
        clock = new MutableClock(T0);
        directory = new MapDirectory()
                .put(LEADER, 10, new Addressee("leader1", "王局长", "leader1@example.cn"))
                .put(UNIT, 40, new Addressee("unit1", "李科员", null), new Addressee("unit2", "赵科员", "u2@example.cn"));
        channel = new FakeChannel();
        jdbc.sql("create table changed_thing (id int primary key)").update();
    }

    @AfterEach
    void stop() {
        modules.forEach(m -> m.dispatcher().close());
    }

    NotificationModule module(FakeChannel ch, int maxAttempts, Duration poll) {
        NotificationModule m = NotificationModule.create(ds, transactions, directory, ch, clock,
                new NotificationSettings(maxAttempts, Backoff.ofMillis(60_000, 600_000), poll, "node" + modules.size()));
        modules.add(m);
        return m;
    }

    NotificationModule module() {
        return module(channel, 3, Duration.ofHours(1));
    }

    static Notice notice(String key) {
        return Notice.of(NoticeKind.DEADLINE_NEAR, LEADER, "办理期限将至 / Deadline near", "事项 X-1 还有 3 天到期。", key);
    }

    long outboxRows() {
        return jdbc.sql("select count(*) from notification_outbox").query(Long.class).single();
    }

    String state(String key) {
        return jdbc.sql("select state from notification_outbox where dedupe_key = ?").param(key).query(String.class)
                .single();
    }

    @Test
    void aNoticeQueuedWithItsChangeIsSentOnceWithItsPeople() {
        NotificationModule m = module();
        tx.executeWithoutResult(s -> {
            jdbc.sql("insert into changed_thing values (1)").update();
            assertThat(m.notifications().enqueue(notice("k1"))).isTrue();
        });
        assertThat(m.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(m.dispatcher().dispatchDue()).isZero();
        assertThat(channel.sent()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("办理期限将至 / Deadline near");
            assertThat(d.body()).isEqualTo("事项 X-1 还有 3 天到期。");
            assertThat(d.usernames()).containsExactly("leader1");
            assertThat(d.kind()).isEqualTo(NoticeKind.DEADLINE_NEAR);
        });
        assertThat(state("k1")).isEqualTo("SENT");
    }

    @Test
    void aRolledBackChangeLeavesNoNotice() {
        NotificationModule m = module();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            jdbc.sql("insert into changed_thing values (1)").update();
            m.notifications().enqueue(notice("k1"));
            throw new IllegalStateException("the change is refused");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(outboxRows()).isZero();
        assertThat(m.dispatcher().dispatchDue()).isZero();
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void theSameKeyIsQueuedOnceAndTheSecondCallersChangeStillCommits() {
        NotificationModule m = module();
        assertThat(m.notifications().enqueue(notice("k1"))).isTrue();
        tx.executeWithoutResult(s -> {
            jdbc.sql("insert into changed_thing values (2)").update();
            assertThat(m.notifications().enqueue(notice("k1"))).isFalse();
            assertThat(m.notifications().enqueue(notice("k1"))).isFalse();
        });
        assertThat(jdbc.sql("select count(*) from changed_thing").query(Long.class).single()).isEqualTo(1);
        assertThat(outboxRows()).isEqualTo(1);
        m.dispatcher().dispatchDue();
        assertThat(m.notifications().enqueue(notice("k1"))).as("sent already").isFalse();
        m.dispatcher().dispatchDue();
        assertThat(channel.sent()).hasSize(1);
    }

    @Test
    void twoNodesQueuingOneKeyAtOnceQueueItOnceAndBothChangesCommit() throws Exception {
        NotificationModule a = module();
        NotificationModule b = module();
        for (int round = 0; round < 20; round++) {
            String key = "race-" + round;
            int base = 100 + round * 2;
            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> tx.execute(s -> {
                jdbc.sql("insert into changed_thing values (?)").param(base).update();
                return a.notifications().enqueue(notice(key));
            }));
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> tx.execute(s -> {
                jdbc.sql("insert into changed_thing values (?)").param(base + 1).update();
                return b.notifications().enqueue(notice(key));
            }));
            assertThat(List.of(first.get(), second.get())).as(key).containsExactlyInAnyOrder(true, false);
        }
        assertThat(outboxRows()).isEqualTo(20);
        assertThat(jdbc.sql("select count(*) from changed_thing").query(Long.class).single()).isEqualTo(40);
    }

    @Test
    void aNoticeIsNotSentBeforeItsTime() {
        NotificationModule m = module();
        m.notifications().enqueue(notice("later").notBefore(T0.plus(Duration.ofMinutes(10))));
        assertThat(m.dispatcher().dispatchDue()).isZero();
        clock.advance(Duration.ofMinutes(10));
        assertThat(m.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(channel.sent()).hasSize(1);
    }

    @Test
    void aFailedSendIsRetriedWithBackOffThenKeptAsFailedWithItsError() {
        NotificationModule m = module(channel, 3, Duration.ofHours(1));
        m.notifications().enqueue(notice("k1"));
        channel.failWith("SMTP server unreachable: <leader1@example.cn> 127.0.0.1:2525");
        assertThat(m.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(state("k1")).isEqualTo("PENDING");
        assertThat(m.dispatcher().dispatchDue()).as("not before the back-off").isZero();
        clock.advance(Duration.ofSeconds(59));
        assertThat(m.dispatcher().dispatchDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(m.dispatcher().dispatchDue()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(119));
        assertThat(m.dispatcher().dispatchDue()).as("the second pause doubles").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(m.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(state("k1")).isEqualTo("FAILED");
        clock.advance(Duration.ofDays(1));
        assertThat(m.dispatcher().dispatchDue()).as("given up").isZero();

        List<OutboxEntry> failed = m.notifications().failed(List.of(10L), false, 50);
        assertThat(failed).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.lastError()).contains("SMTP server unreachable").doesNotContain("example.cn");
            assertThat(e.recipient()).isEqualTo("user:leader1");
            assertThat(e.scopeOfficeId()).isEqualTo(10L);
        });
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void anAdministratorRetriesAFailedNoticeOfTheirOfficesOnly() {
        NotificationModule m = module(channel, 1, Duration.ofHours(1));
        m.notifications().enqueue(notice("k1"));
        channel.failWith("down");
        m.dispatcher().dispatchDue();
        long id = m.notifications().failed(List.of(10L), false, 10).get(0).id();

        assertThat(m.notifications().failed(List.of(40L, 41L), false, 10)).as("another subtree").isEmpty();
        assertThat(m.notifications().find(id, List.of(40L), false)).isEmpty();
        assertThat(m.notifications().retry(id, List.of(40L), false)).as("not theirs").isEmpty();
        assertThat(state("k1")).isEqualTo("FAILED");

        channel.failWith(null);
        assertThat(m.notifications().retry(id, List.of(10L), false)).hasValueSatisfying(e -> {
            assertThat(e.state()).isEqualTo(OutboxState.PENDING);
            assertThat(e.attempts()).isZero();
        });
        assertThat(m.notifications().retry(id, List.of(10L), false)).as("pending, not failed").isEmpty();
        m.dispatcher().dispatchDue();
        assertThat(state("k1")).isEqualTo("SENT");
        assertThat(channel.sent()).hasSize(1);
    }

    @Test
    void noticesOfUnknownUsersAreSeenOnlyByThoseWhoAskForTheUnscoped() {
        NotificationModule m = module(channel, 1, Duration.ofHours(1));
        m.notifications().enqueue(Notice.of(NoticeKind.GENERAL, Recipient.user("gone"), "s", "b", "k-gone"));
        channel.failWith("down");
        m.dispatcher().dispatchDue();
        assertThat(m.notifications().failed(List.of(10L, 40L), false, 10)).isEmpty();
        assertThat(m.notifications().failed(List.of(), true, 10)).hasSize(1);
    }

    @Test
    void anOfficesStaffAreResolvedWhenSent() {
        NotificationModule m = module();
        m.notifications().enqueue(Notice.of(NoticeKind.RETURNED_FOR_REDO, UNIT, "退回重办", "请重新办理。", "redo:1"));
        m.dispatcher().dispatchDue();
        assertThat(channel.sent()).singleElement().satisfies(d -> {
            assertThat(d.usernames()).containsExactly("unit1", "unit2");
            assertThat(d.recipient()).isEqualTo(UNIT);
        });
    }

    @Test
    void twoDispatchersOnOneDatabaseSendEachNoticeExactlyOnce() throws Exception {
        FakeChannel one = new FakeChannel();
        FakeChannel two = new FakeChannel();
        one.slowness(Duration.ofMillis(5));
        two.slowness(Duration.ofMillis(5));
        NotificationModule a = module(one, 3, Duration.ofHours(1));
        NotificationModule b = module(two, 3, Duration.ofHours(1));
        int n = 60;
        for (int i = 0; i < n; i++) {
            a.notifications().enqueue(notice("many-" + i));
        }
        CompletableFuture<Integer> fa = CompletableFuture.supplyAsync(() -> a.dispatcher().dispatchDue());
        CompletableFuture<Integer> fb = CompletableFuture.supplyAsync(() -> b.dispatcher().dispatchDue());
        assertThat(fa.get() + fb.get()).isEqualTo(n);
        List<Delivery> all = new ArrayList<>(one.sent());
        all.addAll(two.sent());
        Map<Long, Long> perId = all.stream().collect(Collectors.groupingBy(Delivery::id, Collectors.counting()));
        assertThat(perId).hasSize(n).allSatisfy((id, count) -> assertThat(count).as("notice " + id).isEqualTo(1));
        if (skipLockedTakesTheNextRow()) {
            assertThat(one.sent()).as("both worked").isNotEmpty();
            assertThat(two.sent()).as("both worked").isNotEmpty();
            assertThat(jdbc.sql("select sent_by, count(*) from notification_outbox group by sent_by")
                    .query((rs, i) -> rs.getString(1)).list()).containsExactlyInAnyOrder("node0", "node1");
        }
    }

    @Test
    void aRunningDispatcherWakesOnCommitNotOnRollback() {
        NotificationModule m = module(channel, 3, Duration.ofHours(1)); // it would not poll within the test
        m.dispatcher().start();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            m.notifications().enqueue(notice("rolled-back"));
            throw new IllegalStateException("no");
        })).isInstanceOf(IllegalStateException.class);
        tx.executeWithoutResult(s -> m.notifications().enqueue(notice("committed")));
        await().atMost(Duration.ofSeconds(20)).until(() -> !channel.sent().isEmpty());
        assertThat(channel.sent()).extracting(Delivery::id).hasSize(1);
        assertThat(state("committed")).isEqualTo("SENT");
        assertThat(outboxRows()).isEqualTo(1);
    }
}
