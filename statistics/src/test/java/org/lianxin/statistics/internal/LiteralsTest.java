package org.lianxin.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LiteralsTest {
    static FigureSql.Window window(String path) {
        return new FigureSql.Window(17, path, Instant.parse("2024-12-31T16:00:00Z"),
                Instant.parse("2025-12-31T16:00:00Z"), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31),
                Instant.parse("2026-01-10T02:00:00.123456789Z"));
    }

    @Test
    void everyParameterBecomesATypedLiteral() {
        String sql = Literals.inline("select 1 from t where p like :scope and g = :root and a >= :start and a < :end "
                + "and d between :from and :to and x < :now and y = ':'", window("/1/17/"));
        assertThat(sql).isEqualTo("select 1 from t where p like '/1/17/%' and g = 17 "
                + "and a >= timestamp with time zone '2024-12-31 16:00:00.000000+00:00' "
                + "and a < timestamp with time zone '2025-12-31 16:00:00.000000+00:00' "
                + "and d between date '2025-01-01' and date '2025-12-31' "
                + "and x < timestamp with time zone '2026-01-10 02:00:00.123456+00:00' and y = ':'");
    }

    @Test
    void onlyAnOfficePathAndKnownNamesAreWritten() {
        assertThatThrownBy(() -> Literals.inline("select :scope", window("/1/' or 1=1 --/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Literals.inline("select :scope", window("/1/a/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Literals.inline("select :other", window("/1/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":other");
        assertThat(Literals.inline("select :scope", window("/"))).isEqualTo("select '/%'");
    }
}
