package org.lianxin.supervision.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lianxin.scheduler.Office;
import org.lianxin.supervision.HistoryKind;
import org.lianxin.supervision.NoticeKind;
import org.lianxin.supervision.SupervisionSettings;
import org.lianxin.supervision.SupervisionSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out {@link SweepRules} over the open items due within the reminder horizon, one transaction per item: the
 * marks are inserted first (primary key item + mark), so when two nodes sweep the same item one of them finds the
 * mark taken, rolls back and does nothing.
 */
final class JdbcSweep implements SupervisionSweep {
    private static final Logger log = LoggerFactory.getLogger(JdbcSweep.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ItemRows rows;
    private final Directory directory;
    private final Notifier notifier;
    private final SupervisionSettings settings;
    private final Clock clock;

    JdbcSweep(JdbcClient jdbc, TransactionTemplate tx, ItemRows rows, Directory directory, Notifier notifier,
              SupervisionSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rows = rows;
        this.directory = directory;
        this.notifier = notifier;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Result run() {
        Instant now = clock.instant();
        int horizon = settings.remindDaysBefore().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<Long> candidates = jdbc.sql("select id from sv_item where state in ('PENDING_SIGN', 'IN_PROGRESS', "
                        + "'RETURNED') and due_at < ? order by due_at, id")
                .param(Sql.ts(now.plus(Duration.ofDays(horizon)))).query(Long.class).list();
        int[] counts = new int[3];
        for (long id : candidates) {
            try {
                tx.executeWithoutResult(s -> sweep(id, now, counts));
            } catch (DuplicateKeyException e) {
                log.debug("item {}: swept by another node", id);
            }
        }
        return new Result(counts[0], counts[1], counts[2]);
    }

    private void sweep(long id, Instant now, int[] counts) {
        ItemRow item = rows.find(id).orElse(null);
        if (item == null) return;
        Office supervising = directory.office(item.supervisingId());
        Set<String> marks = new HashSet<>(jdbc.sql("select mark from sv_sweep_mark where item_id = ?").param(id)
                .query(String.class).list());
        SweepRules.Subject subject = new SweepRules.Subject(item.state(), item.deadline(), item.zone(),
                item.escalatedToId() == null ? supervising.parentId() : null, marks);
        for (SweepRules.Effect effect : SweepRules.decide(subject, now, settings.remindDaysBefore())) {
            for (String mark : effect.marks()) {
                jdbc.sql("insert into sv_sweep_mark (item_id, mark, at) values (?,?,?)").params(id, mark, Sql.ts(now))
                        .update();
            }
            if (effect instanceof SweepRules.Remind) {
                int days = ((SweepRules.Remind) effect).daysBefore();
                rows.history(id, now, HistoryKind.REMINDED, "system", "期限前 " + days + " 天催办 / " + days
                        + " day(s) before the deadline");
                notifier.send(item, NoticeKind.DEADLINE_NEAR, ItemWorkflow.Audience.UNIT, null);
                counts[0]++;
            } else if (effect instanceof SweepRules.MarkOverdue) {
                rows.history(id, now, HistoryKind.OVERDUE, "system", null);
                notifier.send(item, NoticeKind.OVERDUE, List.of(item.unitId(), item.supervisingId()), null);
                counts[1]++;
            } else if (effect instanceof SweepRules.Escalate) {
                Office above = directory.office(((SweepRules.Escalate) effect).toOfficeId());
                rows.escalate(id, above.id(), above.path());
                rows.history(id, now, HistoryKind.ESCALATED, "system", above.name());
                ItemRow escalated = rows.find(id).orElseThrow();
                notifier.send(escalated, NoticeKind.ESCALATED, List.of(item.unitId(), item.supervisingId(),
                        above.id()), null);
                counts[2]++;
            }
        }
    }
}
