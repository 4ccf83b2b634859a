package org.lianxin.supervision.internal;

import org.lianxin.supervision.ItemKind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Item numbers such as {@code JB-2026-000017}: per prefix and year, gap-free. The counter row of a prefix and year is
 * created once in a transaction of its own (a concurrent creation is harmless); the number itself is taken by an
 * update that locks the row until the caller's transaction ends, so concurrent takers queue and a rolled-back item
 * gives its number back.
 */
final class Numbers {
    private final JdbcClient jdbc;
    private final TransactionTemplate separate;

    Numbers(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Must run inside the transaction that inserts the item. */
    String next(ItemKind kind, int year) {
        String prefix = kind.prefix();
        if (take(prefix, year) == 0) {
            try {
                separate.executeWithoutResult(s -> jdbc.sql("insert into sv_number (prefix, number_year, last_value) "
                        + "values (?, ?, 0)").params(prefix, year).update());
            } catch (DuplicateKeyException e) {
                // another transaction created the counter first
            }
            if (take(prefix, year) == 0) throw new IllegalStateException("no counter for " + prefix + " " + year);
        }
        long value = jdbc.sql("select last_value from sv_number where prefix = ? and number_year = ?").params(prefix, year)
                .query(Long.class).single();
        return format(prefix, year, value);
    }

    static String format(String prefix, int year, long value) {
        return String.format("%s-%d-%06d", prefix, year, value);
    }

    private int take(String prefix, int year) {
        return jdbc.sql("update sv_number set last_value = last_value + 1 where prefix = ? and number_year = ?")
                .params(prefix, year).update();
    }
}
