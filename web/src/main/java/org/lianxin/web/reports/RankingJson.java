package org.lianxin.web.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.reports.MonthlyBulletin;
import org.lianxin.reports.Period;
import org.lianxin.reports.RankedUnit;
import org.lianxin.reports.Ranking;
import org.lianxin.reports.RankingRule;
import org.lianxin.scheduler.Office;
import org.lianxin.statistics.Measure;

/**
 * A ranking as JSON: the office, the period, the rules in words (Chinese and English, as printed in the PDFs), then
 * the units — ranked ones by place, then those without data (place null) — with the figures they are ranked by
 * (numerator, denominator, value as on the statistics page: null when there is no data), the talk flag and, for a
 * month, the place in the month before.
 */
record RankingJson(OfficeJson office, PeriodJson period, String zone, RulesJson rules, List<UnitJson> units,
                   Instant generatedAt) {

    record OfficeJson(long id, String code, String name, String nameEn, String level) {
    }

    record PeriodJson(String kind, String key, LocalDate from, LocalDate to, String label, String labelEn) {
    }

    record RulesJson(String tieBreak, String tieBreakEn, String talk, String talkEn, int twoAtTheBottomFrom) {
    }

    record MeasureJson(long numerator, long denominator, BigDecimal value) {
    }

    record UnitJson(long officeId, String code, String name, String nameEn, Integer place, MeasureJson completion,
                    MeasureJson repliedOnTime, long items, boolean flagged, Integer previousPlace,
                    boolean previousRanked) {
    }

    static RankingJson of(MonthlyBulletin b) {
        Map<Long, RankedUnit> before = new HashMap<>();
        for (RankedUnit u : b.previous().units()) before.put(u.officeId(), u);
        return of(b.ranking(), before, b.generatedAt());
    }

    static RankingJson of(Ranking r, Instant at) {
        return of(r, null, at);
    }

    private static RankingJson of(Ranking r, Map<Long, RankedUnit> before, Instant at) {
        Office o = r.figures().office();
        Period p = r.period();
        List<UnitJson> units = new ArrayList<>();
        for (RankedUnit u : r.units()) {
            RankedUnit prev = before == null ? null : before.get(u.officeId());
            units.add(new UnitJson(u.officeId(), u.code(), u.name(), u.nameEn(), u.place(), measure(u.completion()),
                    measure(u.repliedOnTime()), u.items(), u.flagged(), prev == null ? null : prev.place(),
                    prev != null && prev.ranked()));
        }
        boolean monthly = p.kind() == Period.Kind.MONTH;
        return new RankingJson(new OfficeJson(o.id(), o.code(), o.name(), o.nameEn(), o.level().name()),
                new PeriodJson(p.kind().name(), p.key(), p.from(), p.to(), p.label(false), p.label(true)),
                r.figures().zone(),
                new RulesJson(RankingRule.TIE_BREAK, RankingRule.TIE_BREAK_EN, monthly ? RankingRule.TALK : null,
                        monthly ? RankingRule.TALK_EN : null, RankingRule.TWO_AT_THE_BOTTOM_FROM),
                units, at);
    }

    private static MeasureJson measure(Measure m) {
        return new MeasureJson(m.numerator(), m.denominator(), m.value());
    }
}
