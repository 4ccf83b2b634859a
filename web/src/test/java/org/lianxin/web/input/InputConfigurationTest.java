package org.lianxin.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.format.DateTimeFormatters;
import org.springframework.boot.autoconfigure.web.format.WebConversionService;
import org.springframework.core.convert.ConversionFailedException;

/** The rules in Spring MVC's conversion service, as the application builds it: asked before Spring's own. */
class InputConfigurationTest {
    private final WebConversionService conversions = conversions();

    private static WebConversionService conversions() {
        WebConversionService service = new WebConversionService(new DateTimeFormatters().dateFormat("iso"));
        new InputConfiguration().addFormatters(service);
        return service;
    }

    @Test
    void idsAndIntegersAreAsciiDigits() {
        assertThat(conversions.convert("118", long.class)).isEqualTo(118L);
        assertThat(conversions.convert("118", Long.class)).isEqualTo(118L);
        assertThat(conversions.convert("-3", int.class)).isEqualTo(-3);
        for (String bad : new String[] {" 118", "118 ", "0x76", "+118", "١١٨"}) {
            assertThatThrownBy(() -> conversions.convert(bad, long.class)).as(bad)
                    .isInstanceOf(ConversionFailedException.class)
                    .satisfies(e -> assertThat(InputRefused.in(e).rule()).isEqualTo("malformed-id"));
        }
    }

    @Test
    void datesOutsideTheWindowAreRefused() {
        assertThat(conversions.convert("2026-12-02", LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(conversions.convert("2026-12", YearMonth.class)).isEqualTo(YearMonth.of(2026, 12));
        for (String bad : new String[] {"+999999999-12-31", "1899-12-31"}) {
            assertThatThrownBy(() -> conversions.convert(bad, LocalDate.class)).as(bad)
                    .satisfies(e -> assertThat(InputRefused.in(e).rule()).isEqualTo("date-out-of-range"));
        }
        assertThatThrownBy(() -> conversions.convert("+1000000000-01-01T00:00:00Z", Instant.class))
                .satisfies(e -> assertThat(InputRefused.in(e).rule()).isEqualTo("date-out-of-range"));
        assertThatThrownBy(() -> conversions.convert("+999999999-12", YearMonth.class))
                .satisfies(e -> assertThat(InputRefused.in(e).rule()).isEqualTo("date-out-of-range"));
    }
}
