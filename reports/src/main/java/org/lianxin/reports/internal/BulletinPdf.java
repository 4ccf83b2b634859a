package org.lianxin.reports.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.lianxin.reports.MonthlyBulletin;
import org.lianxin.reports.RankedUnit;
import org.lianxin.reports.Ranking;
import org.lianxin.reports.RankingRule;
import org.lianxin.scheduler.Office;
import org.lianxin.statistics.Figure;
import org.lianxin.statistics.FigureRow;
import org.lianxin.statistics.FigureTable;
import org.lianxin.statistics.Measure;

/**
 * The monthly bulletin and the yearly ranking as PDF: title, period, when generated, the ranking with its rule, the
 * units flagged for a talk (monthly), the office's figures and each unit's (the statistics module's numbers, formatted
 * as on the page: a rate with one decimal and %, an average in whole seconds, "无数据" for no data), and the figures'
 * definitions.
 */
final class BulletinPdf {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The unit tables: handling, then reception and evaluation — every figure once. */
    private static final Figure[] HANDLING = {Figure.MATTERS_ACCEPTED, Figure.ITEMS_OPEN, Figure.ITEMS_OVERDUE,
        Figure.REPLIED_ON_TIME, Figure.COMPLETION, Figure.CLOSED_ON_TIME};
    private static final Figure[] RECEPTION = {Figure.RECEPTIONS_HELD, Figure.NO_SHOWS, Figure.LOBBY_WAIT,
        Figure.SESSION_LENGTH, Figure.SATISFACTION, Figure.PARTICIPATION};

    private final CjkFont.Opened font;

    /** Reads and parses the font once; a document at a time embeds a subset of it. */
    BulletinPdf(Path fontFile) {
        try {
            this.font = CjkFont.open(fontFile);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The PDF font " + fontFile + " (" + CjkFont.SETTING + ") cannot be read: "
                    + e.getMessage(), e);
        }
    }

    byte[] monthly(MonthlyBulletin b) {
        synchronized (font) {
            return monthlyPdf(b);
        }
    }

    byte[] yearly(Ranking r, Instant generatedAt) {
        synchronized (font) {
            return yearlyPdf(r, generatedAt);
        }
    }

    private byte[] monthlyPdf(MonthlyBulletin b) {
        Ranking r = b.ranking();
        Office office = r.figures().office();
        String title = office.name() + "信访工作月度通报";
        try (Pdf pdf = new Pdf(font, title + " " + r.period().key())) {
            head(pdf, title, "Monthly bulletin of petition handling (一月一通报) — " + english(office), r,
                    b.generatedAt());
            pdf.heading("一、办结率排名 Completion ranking", 12);
            ranking(pdf, r, true);
            pdf.heading("二、约谈对象 Units called in for a talk", 12);
            pdf.body(RankingRule.TALK);
            pdf.body(RankingRule.TALK_EN);
            List<RankedUnit> flagged = r.flagged();
            if (flagged.isEmpty()) {
                pdf.body("本月没有连续两个月处于末位的单位。No unit was at the bottom two months running.");
            }
            for (RankedUnit u : flagged) {
                RankedUnit before = b.previous().units().stream().filter(p -> p.officeId() == u.officeId())
                        .findFirst().orElseThrow();
                pdf.body("● " + u.name() + "（" + u.code() + "）：" + r.period().label(false) + "第 " + u.place()
                        + " 名，办结率 " + value(u.completion()) + "；" + b.previous().period().label(false) + "第 "
                        + before.place() + " 名，办结率 " + value(before.completion()) + "。");
            }
            figures(pdf, r.figures(), "三", "四");
            return pdf.finish(title + " · " + r.period().label(false));
        }
    }

    private byte[] yearlyPdf(Ranking r, Instant generatedAt) {
        Office office = r.figures().office();
        String title = office.name() + "信访工作年度排名";
        try (Pdf pdf = new Pdf(font, title + " " + r.period().key())) {
            head(pdf, title, "Yearly ranking of units (一年一排名) — " + english(office), r, generatedAt);
            pdf.heading("一、办结率排名 Completion ranking", 12);
            ranking(pdf, r, false);
            figures(pdf, r.figures(), "二", "三");
            return pdf.finish(title + " · " + r.period().label(false));
        }
    }

    private static void head(Pdf pdf, String title, String subtitle, Ranking r, Instant generatedAt) {
        ZoneId zone = ZoneId.of(r.figures().zone());
        pdf.paragraph(title + "（" + r.period().label(false) + "）", 16);
        pdf.paragraph(subtitle + ", " + r.period().label(true), 10);
        pdf.space(4);
        pdf.body("统计期 Period：" + r.period().from() + " 至 " + r.period().to() + "（按 " + zone.getId()
                + " 时区的整日计 whole days in " + zone.getId() + "）");
        pdf.body("生成时间 Generated at：" + AT.format(generatedAt.atZone(zone)) + "（" + zone.getId() + "）");
    }

    private static void ranking(Pdf pdf, Ranking r, boolean talk) {
        pdf.body(RankingRule.TIE_BREAK);
        pdf.body(RankingRule.TIE_BREAK_EN);
        pdf.space(4);
        List<String> header = new ArrayList<>(List.of("名次", "单位", "代码", "办结率", "按期答复率", "督办件数"));
        if (talk) header.add("约谈");
        List<List<String>> rows = new ArrayList<>();
        for (RankedUnit u : r.units()) {
            List<String> row = new ArrayList<>(List.of(u.ranked() ? Integer.toString(u.place()) : "无数据", u.name(),
                    u.code(), value(u.completion()), value(u.repliedOnTime()), Long.toString(u.items())));
            if (talk) row.add(u.flagged() ? "约谈" : "");
            rows.add(row);
        }
        if (rows.isEmpty()) {
            pdf.body("本辖区没有下级单位。The office has no units.");
            return;
        }
        float[] widths = talk ? new float[] {1f, 4f, 1.6f, 1.4f, 1.6f, 1.4f, 1f} : new float[] {1f, 4f, 1.6f, 1.4f,
            1.6f, 1.4f};
        pdf.table(widths, header, rows);
    }

    private static void figures(Pdf pdf, FigureTable t, String overall, String units) {
        pdf.heading(overall + "、本辖区总体情况 Figures of the jurisdiction", 12);
        List<List<String>> rows = new ArrayList<>();
        for (Measure m : t.total().measures()) {
            rows.add(List.of(m.figure().label(false), value(m), Long.toString(m.numerator()),
                    m.figure().kind() == Figure.Kind.COUNT ? "" : Long.toString(m.denominator())));
        }
        pdf.table(new float[] {3f, 1.5f, 1.5f, 1.5f}, List.of("指标", "数值", "分子", "分母"), rows);
        pdf.heading(units + "、各单位情况 Figures of each unit", 12);
        unitTable(pdf, t, HANDLING);
        unitTable(pdf, t, RECEPTION);
        pdf.heading("指标定义 Definitions", 11);
        for (Figure f : Figure.values()) pdf.body(f.label(false) + "：" + f.definition(false));
    }

    private static void unitTable(Pdf pdf, FigureTable t, Figure[] figures) {
        List<String> header = new ArrayList<>(List.of("单位"));
        float[] widths = new float[figures.length + 1];
        widths[0] = 3f;
        for (int i = 0; i < figures.length; i++) {
            header.add(figures[i].label(false));
            widths[i + 1] = 1.3f;
        }
        List<List<String>> rows = new ArrayList<>();
        List<FigureRow> all = new ArrayList<>(t.rows());
        all.add(t.total());
        for (FigureRow row : all) {
            List<String> cells = new ArrayList<>(List.of(row.label()));
            for (Figure f : figures) cells.add(value(row.get(f)));
            rows.add(cells);
        }
        pdf.table(widths, header, rows);
    }

    /** As the page shows it: 66.7%, 35, 12; "无数据" when there is no data. */
    static String value(Measure m) {
        if (!m.hasValue()) return "无数据";
        String v = m.value().toPlainString();
        return m.figure().kind() == Figure.Kind.RATE ? v + "%" : v;
    }

    private static String english(Office office) {
        return office.nameEn() == null || office.nameEn().isBlank() ? office.name() : office.nameEn();
    }
}
