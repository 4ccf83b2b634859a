package org.lianxin.web.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.statistics.GroupBy;

/** CSV cells, the choice of CSV or JSON, of the language and of the breakdown. */
class StatisticsCsvTest {
    @Test
    void cellsAreQuotedWhereNeededAndNeverAFormula() {
        assertThat(StatisticsCsv.cell("锦江区")).isEqualTo("锦江区");
        assertThat(StatisticsCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(StatisticsCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(StatisticsCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(StatisticsCsv.cell("@cmd")).isEqualTo("'@cmd");
        assertThat(StatisticsCsv.cell("-12.5")).as("a negative number stays a number").isEqualTo("-12.5");
        assertThat(StatisticsCsv.cell(null)).isEmpty();
    }

    @Test
    void csvByFormatOrAccept() {
        assertThat(StatisticsController.wantsCsv("csv", null)).isTrue();
        assertThat(StatisticsController.wantsCsv(" CSV ", "application/json")).isTrue();
        assertThat(StatisticsController.wantsCsv("json", "text/csv")).as("format wins").isFalse();
        assertThat(StatisticsController.wantsCsv(null, "text/csv")).isTrue();
        assertThat(StatisticsController.wantsCsv(null, "application/json, */*")).isFalse();
        assertThat(StatisticsController.wantsCsv(null, null)).isFalse();
        assertThatThrownBy(() -> StatisticsController.wantsCsv("xlsx", null)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void languageByLangThenAcceptLanguageChineseByDefault() {
        assertThat(StatisticsController.english("en", "zh-CN")).isTrue();
        assertThat(StatisticsController.english("zh", "en-US")).isFalse();
        assertThat(StatisticsController.english(null, "en-GB,en;q=0.8")).isTrue();
        assertThat(StatisticsController.english(null, null)).isFalse();
    }

    @Test
    void groupByIsOneOfThree() {
        assertThat(StatisticsController.groupBy(null)).isEqualTo(GroupBy.OFFICE_CHILDREN);
        assertThat(StatisticsController.groupBy("month")).isEqualTo(GroupBy.MONTH);
        assertThatThrownBy(() -> StatisticsController.groupBy("YEAR")).isInstanceOf(RuleViolation.class)
                .extracting(e -> ((RuleViolation) e).rule()).isEqualTo("statistics-group-unknown");
    }
}
