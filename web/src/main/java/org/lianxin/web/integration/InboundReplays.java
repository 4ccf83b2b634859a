package org.lianxin.web.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code webhook-id}s of inbound requests already carried out (table {@code integration_inbound_message}, V21),
 * recorded in the transaction of the change: a replayed request — the same id within the window — is refused; one
 * whose change failed or rolled back left no id and may be sent again. Ids older than the window are dropped (their
 * timestamps are refused by then anyway).
 */
final class InboundReplays {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration window;

    InboundReplays(JdbcClient jdbc, Clock clock, Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = window;
    }

    /** Records {@code id}; false if it was there already. Call inside the change's transaction. */
    boolean firstUse(String id) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("delete from integration_inbound_message where received_at < ?").param(now.minus(window)).update();
        if (jdbc.sql("select count(*) from integration_inbound_message where msg_id = ?").param(id)
                .query(Long.class).single() > 0) {
            return false;
        }
        try {
            jdbc.sql("insert into integration_inbound_message (msg_id, received_at) values (?, ?)").params(id, now)
                    .update();
            return true;
        } catch (DuplicateKeyException e) { // the same id in a concurrent request: the other one carries it out
            return false;
        }
    }
}
