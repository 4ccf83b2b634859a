package org.lianxin.web.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows the third-party evaluation draws from, written straight into the database of a running application (in
 * life the supervision workflow and the recorder write them): a 锦江区 matter assigned by 成都市, COMPLETED in a
 * month with a reply, and a completed recording of its case.
 */
public final class CompletedMatters {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    public static final String REPLY = "已依法补偿到位";
    private final JdbcClient jdbc;

    public CompletedMatters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long officeId(String code) {
        return jdbc.sql("select id from office where code = ?").param(code).query(Long.class).single();
    }

    private String path(long officeId) {
        return jdbc.sql("select path from office where id = ?").param(officeId).query(String.class).single();
    }

    /** A supervision item of the case for 锦江区, accepted on the 10th of {@code month} and now COMPLETED, with a reply. */
    public long completedItem(long caseId, String caseNumber, YearMonth month) {
        Timestamp at = Timestamp.from(month.atDay(10).atTime(15, 0).atZone(SHANGHAI).toInstant());
        String number = "JB-EV-" + UUID.randomUUID().toString().substring(0, 8);
        long jinjiang = officeId("510104");
        long chengdu = officeId("510100");
        jdbc.sql("insert into sv_item (number, kind, state, case_id, case_number, case_subject, category,"
                + " unit_office_id, unit_path, supervising_office_id, supervising_path, zone, accepted_on, deadline,"
                + " due_at, requires_report, title, created_by, created_at) values (?, 'ASSIGNMENT', 'COMPLETED', ?,"
                + " ?, '房屋征收补偿', '住房城建', ?, ?, ?, ?, 'Asia/Shanghai', ?, ?, ?, false, '核查', 'cd.leader', ?)")
                .params(number, caseId, caseNumber, jinjiang, path(jinjiang), chengdu, path(chengdu), month.atDay(1),
                        month.atDay(28), at, at).update();
        long item = jdbc.sql("select id from sv_item where number = ?").param(number).query(Long.class).single();
        jdbc.sql("insert into sv_reply (item_id, text, at, by_user) values (?, ?, ?, 'cd.housing')")
                .params(item, REPLY, at).update();
        jdbc.sql("insert into sv_history (item_id, at, kind, actor) values (?, ?, 'ACCEPTED', 'cd.leader')")
                .params(item, at).update();
        return item;
    }

    /** A completed recording of the item's case at a 锦江区 terminal (no composed file). */
    public long recordingOf(long item) {
        long caseId = jdbc.sql("select case_id from sv_item where id = ?").param(item).query(Long.class).single();
        Timestamp now = Timestamp.from(Instant.now());
        String room = "ev-room-" + item;
        jdbc.sql("insert into recording (kind, room_id, case_id, office_id, status, instance_id, created_at,"
                + " started_at, ended_at, chain_head) values ('RECEPTION', ?, ?, ?, 'COMPLETED', 'ev-it', ?, ?, ?, ?)")
                .params(room, caseId, officeId("510104"), now, now, now, "0".repeat(64)).update();
        return jdbc.sql("select id from recording where room_id = ?").param(room).query(Long.class).single();
    }
}
