package org.lianxin.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.IdNumbers;
import org.springframework.core.io.ClassPathResource;

class DemoDataTest {

    private static List<String[]> rows() throws IOException {
        String csv;
        try (var in = new ClassPathResource(DemoData.CSV).getInputStream()) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("code,name,name_en,level,parent_code,zone");
        return lines.stream().skip(1).filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split(",", -1)).toList();
    }

    @Test
    void theCsvHasSichuanAndAllTwentyOnePrefectureLevelCitiesWithTheirGbCodes() throws IOException {
        Map<String, String> cities = rows().stream().filter(r -> r[3].equals("CITY"))
                .collect(Collectors.toMap(r -> r[0], r -> r[1]));
        assertThat(cities).hasSize(21).containsKeys("510100", "510300", "510400", "510500", "510600", "510700",
                "510800", "510900", "511000", "511100", "511300", "511400", "511500", "511600", "511700", "511800",
                "511900", "512000", "513200", "513300", "513400");
        assertThat(cities.get("510100")).isEqualTo("成都市");
        assertThat(cities.get("513400")).isEqualTo("凉山彝族自治州");
    }

    @Test
    void everyRowHasSixFieldsAUniqueCodeAndAParentListedBeforeIt() throws IOException {
        Set<String> seen = new HashSet<>();
        for (String[] r : rows()) {
            assertThat(r).hasSize(6);
            if (!r[4].isEmpty()) assertThat(seen).as("parent of " + r[0]).contains(r[4]);
            assertThat(seen.add(r[0])).as("unique " + r[0]).isTrue();
        }
        long counties = rows().stream().filter(r -> r[3].equals("COUNTY")).count();
        assertThat(counties).isGreaterThanOrEqualTo(2 * 21);
        assertThat(seen).contains("510104", "510703", "510100-ZJ", "510100-RS", "510000-ZJ");
    }

    @Test
    void generatedIdNumbersCarryTheGb11643CheckDigit() {
        for (int n = 0; n < 200; n++) {
            String reference = IdNumbers.valid("510104", n);
            assertThat(IdNumber.withCheckDigit(reference.substring(0, 17))).isEqualTo(reference);
        }
        assertThat(IdNumber.withCheckDigit("11010519491231002")).isEqualTo("11010519491231002X");
    }

    @Test
    void demoUsersCoverEveryRoleAndLevel() {
        assertThat(DemoData.USERS).extracting(DemoData.DemoUser::username).containsExactly("sc.admin", "sc.leader",
                "sc.reviewer", "cd.scheduler", "cd.leader", "jinjiang.scheduler", "jinjiang.leader", "cd.housing",
                "cd.hrss", "fucheng.scheduler");
    }
}
