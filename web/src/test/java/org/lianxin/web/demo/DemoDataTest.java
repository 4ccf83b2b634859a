package org.lianxin.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.lianxin.scheduler.Role;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.WeeklyWindow;
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
                "sc.reviewer", "cd.scheduler", "cd.leader", "jinjiang.scheduler", "jinjiang.leader", "jinjiang.duty", "cd.housing",
                "cd.hrss", "fucheng.scheduler", "sc.security", "sc.auditor", "cd.auditor", "my.auditor");
    }

    /** 三员分立: the demo data gives no user name two of the three duties, and has each duty at least once. */
    @Test
    void demoUsersHoldTheThreeDutiesSeparately() {
        assertThat(org.lianxin.web.security.SeparatedDuties.conflicts(DemoData.USERS.stream()
                .map(u -> new org.lianxin.web.security.SeparatedDuties.Account(u.username(), u.role(), null, 0, null))
                .toList())).isEmpty();
        assertThat(DemoData.USERS).extracting(DemoData.DemoUser::role)
                .contains(Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR);
    }

    /** A newcomer can try a reception at any day and hour: the duty leader's windows cover every day. */
    @Test
    void theDutyLeaderReceivesEveryDayFromMidnightToMidnightInShortSlots() {
        assertThat(DemoData.dutyWindows()).extracting(WeeklyWindow::day).containsExactly(DayOfWeek.values());
        for (WeeklyWindow w : DemoData.dutyWindows()) {
            assertThat(w.start()).isEqualTo(LocalTime.MIDNIGHT);
            assertThat(w.end()).as("the last slot of the day fits: 23:40 + " + DemoData.DUTY_SLOT_MINUTES + " min")
                    .isAfterOrEqualTo(LocalTime.of(23, 40).plusMinutes(DemoData.DUTY_SLOT_MINUTES));
        }
        // the next slot is never further than one slot and buffer away; check-in opens 15 minutes before it
        assertThat(DemoData.DUTY_SLOT_MINUTES + DemoData.DUTY_BUFFER_MINUTES).isLessThanOrEqualTo(20);
        assertThat(DemoData.USERS).filteredOn(u -> u.username().equals("jinjiang.duty")).singleElement()
                .satisfies(u -> assertThat(u.officialTitle()).isEqualTo(DemoData.DUTY_TITLE));
    }

    @Test
    void theFirstDemoCasesAreJinjiangsWithValidIdNumbers() {
        List<DemoData.DemoCase> cases = DemoData.demoCaseFiles();
        assertThat(cases.get(0).officeCode()).isEqualTo(DemoData.DUTY_OFFICE);
        assertThat(cases.get(0).caseNumber()).isEqualTo("SC-2026-000001");
        for (DemoData.DemoCase c : cases) {
            assertThat(IdNumber.withCheckDigit(c.idNumber().substring(0, 17))).isEqualTo(c.idNumber());
            assertThat(c.idNumber()).startsWith(c.officeCode());
        }
    }
}
