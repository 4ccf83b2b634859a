package org.lianxin.statistics.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatisticsDataShapeTest {
    @Test
    void theProvinceHas21CitiesAnd183CountiesSpreadEvenlyAndTwoDepartmentsUnderEachOffice() {
        StatisticsData.Shape p = StatisticsData.Shape.province(340, LocalDate.of(2025, 1, 1));
        assertThat(IntStream.range(0, p.cities()).map(p::countiesOf).sum()).isEqualTo(183);
        assertThat(IntStream.range(0, p.cities()).map(p::countiesOf).distinct().sorted().toArray())
                .containsExactly(8, 9);
        assertThat(p.offices()).isEqualTo(615);
        assertThat((long) p.offices() * p.mattersPerOffice()).as("matters").isGreaterThanOrEqualTo(200_000);
        assertThat(p.days()).isEqualTo(365);
        assertThat(p.mix()).isEqualTo(StatisticsData.Mix.REALISTIC);
    }

    @Test
    void theOldShapeMeansCountiesPerCityAndEveryStateAsLikely() {
        StatisticsData.Shape s = new StatisticsData.Shape(3, 2, 1, 12, LocalDate.of(2026, 1, 1), 240);
        assertThat(s.counties()).isEqualTo(6);
        assertThat(IntStream.range(0, 3).map(s::countiesOf).toArray()).containsExactly(2, 2, 2);
        assertThat(s.mix()).isEqualTo(StatisticsData.Mix.UNIFORM);
        assertThat(s).isEqualTo(StatisticsData.Shape.small());
        assertThatThrownBy(() -> new StatisticsData.Shape(0, 1, 1, 1, LocalDate.of(2026, 1, 1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWeightedDrawFollowsItsWeightsAndTheUniformOneDrawsAsNextIntDid() {
        String[] values = {"a", "b", "c"};
        Random weighted = new Random(7);
        Map<String, Integer> n = new HashMap<>();
        for (int i = 0; i < 100_000; i++) n.merge(StatisticsData.Mix.draw(weighted, values, new int[] {62, 26, 12}), 1,
                Integer::sum);
        assertThat(n.get("a") / 1000.0).isCloseTo(62.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(n.get("b") / 1000.0).isCloseTo(26.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(n.get("c") / 1000.0).isCloseTo(12.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(StatisticsData.Mix.draw(new Random(1), values, new int[] {0, 5, 0})).isEqualTo("b");

        Random a = new Random(99);
        Random b = new Random(99);
        for (int i = 0; i < 1000; i++) {
            assertThat(StatisticsData.Mix.draw(a, values, new int[] {1, 1, 1})).isEqualTo(values[b.nextInt(3)]);
        }
    }
}
