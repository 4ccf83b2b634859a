package org.lianxin.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class DateWindowTest {

    @Test
    void theEdgesAreInsideAndTheDaysBeyondOutside() {
        assertThat(DateWindow.check(LocalDate.of(1900, 1, 1))).isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(DateWindow.check(LocalDate.of(2200, 12, 31))).isEqualTo(LocalDate.of(2200, 12, 31));
        refused(LocalDate.of(1899, 12, 31));
        refused(LocalDate.of(2201, 1, 1));
        assertThat(DateWindow.check(Instant.parse("2200-12-31T23:59:59.999Z"))).isNotNull();
        refused(Instant.parse("2201-01-01T00:00:00Z"));
        refused(Instant.parse("1899-12-31T23:59:59Z"));
    }

    @Test
    void theExtremesOfJavaTimeAreRefusedWithoutOverflow() {
        refused(Instant.MIN);
        refused(Instant.MAX);
        refused(LocalDate.MAX);
        refused(LocalDate.MIN);
        refused(LocalDateTime.MAX);
        refused(OffsetDateTime.MAX);
        refused(OffsetDateTime.of(LocalDateTime.MIN, ZoneOffset.MAX).plusYears(1));
        refused(YearMonth.of(999_999_999, 12));
        refused(YearMonth.of(1, 1));
        assertThat(DateWindow.check(YearMonth.of(2026, 12))).isEqualTo(YearMonth.of(2026, 12));
    }

    @Test
    void nullAndOtherTypesPass() {
        assertThat(DateWindow.check((Instant) null)).isNull();
        assertThat(DateWindow.check("text")).isEqualTo("text");
        assertThat(DateWindow.applies(Instant.class)).isTrue();
        assertThat(DateWindow.applies(String.class)).isFalse();
    }

    private static void refused(Object value) {
        assertThatThrownBy(() -> DateWindow.check(value)).isInstanceOf(InputRefused.class)
                .satisfies(e -> assertThat(((InputRefused) e).rule()).isEqualTo("date-out-of-range"))
                .hasMessageContaining("1900-01-01 to 2200-12-31");
    }
}
