package org.lianxin.webhooks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Instants in and out of {@code timestamp with time zone} as UTC, and office scopes; the same on PostgreSQL and H2. */
final class Sql {
    private Sql() {
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** {@code column in (?,…)} for the offices, or a false clause if there are none. */
    static String in(String column, Collection<Long> offices) {
        return offices.isEmpty() ? "1 = 0"
                : column + " in (" + String.join(",", Collections.nCopies(offices.size(), "?")) + ")";
    }

    static List<Object> params(Object first, Collection<Long> offices, Object... more) {
        List<Object> params = new ArrayList<>();
        if (first != null) {
            params.add(first);
        }
        params.addAll(offices);
        params.addAll(List.of(more));
        return params;
    }

    static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
