package org.lianxin.reports.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Year;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.lianxin.reports.BulletinInfo;
import org.lianxin.reports.Bulletins;
import org.lianxin.reports.MonthlyBulletin;
import org.lianxin.reports.Period;
import org.lianxin.reports.Ranking;
import org.lianxin.reports.RankingRule;
import org.lianxin.reports.ReportSettings;
import org.lianxin.reports.StoredPdf;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.statistics.FigureQuery;
import org.lianxin.statistics.FigureTable;
import org.lianxin.statistics.GroupBy;
import org.lianxin.statistics.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rankings from the statistics module's tables (grouped by child office, scoped by the statistics module for the
 * actor), the PDFs from {@link BulletinPdf}, stored bulletins in {@link BulletinStore}. The month's talk flags compare
 * it with the month before; the previous month's bulletin of every office with units is issued by {@link #issueDue}.
 */
public final class JdbcBulletins implements Bulletins {
    private static final Logger log = LoggerFactory.getLogger(JdbcBulletins.class);
    static final String SYSTEM = "system";
    private final Statistics statistics;
    private final Offices offices;
    private final Clock clock;
    private final BulletinPdf pdf;
    private final BulletinStore store;

    public JdbcBulletins(DataSource dataSource, Statistics statistics, Offices offices, Clock clock,
                         ReportSettings settings) {
        CjkFont.check(settings.fontFile());
        this.statistics = statistics;
        this.offices = offices;
        this.clock = clock;
        this.pdf = new BulletinPdf(settings.fontFile());
        this.store = new BulletinStore(JdbcClient.create(dataSource));
    }

    @Override
    public MonthlyBulletin month(Actor actor, long officeId, YearMonth month) {
        Ranking previous = ranking(actor, officeId, Period.month(month.minusMonths(1)));
        Ranking current = ranking(actor, officeId, Period.month(month));
        return new MonthlyBulletin(RankingRule.flag(previous, current), previous, clock.instant());
    }

    @Override
    public Ranking year(Actor actor, long officeId, Year year) {
        return ranking(actor, officeId, Period.year(year));
    }

    @Override
    public byte[] monthly(Actor actor, long officeId, YearMonth month) {
        return pdf.monthly(month(actor, officeId, month));
    }

    @Override
    public byte[] yearly(Actor actor, long officeId, Year year) {
        return pdf.yearly(year(actor, officeId, year), clock.instant());
    }

    @Override
    public List<BulletinInfo> list(Actor actor, long officeId) {
        visible(actor, offices.get(officeId));
        return store.list(officeId);
    }

    @Override
    public StoredPdf stored(Actor actor, long bulletinId) {
        StoredPdf stored = store.get(bulletinId).orElseThrow(() -> new NotFound("bulletin", bulletinId));
        try {
            visible(actor, offices.get(stored.info().officeId()));
        } catch (OutOfJurisdiction e) { // do not tell that it exists
            throw new NotFound("bulletin", bulletinId);
        }
        return stored;
    }

    @Override
    public BulletinInfo issue(Actor actor, long officeId, YearMonth month) {
        Period period = Period.month(month);
        Office office = offices.get(officeId);
        visible(actor, office);
        return store.find(officeId, period).orElseGet(() -> {
            byte[] bytes = monthly(actor, officeId, month);
            return store.insertIfAbsent(officeId, period, clock.instant(), actor.username(), bytes, sha256(bytes));
        });
    }

    @Override
    public int issueDue() {
        int stored = 0;
        List<Office> all = offices.all();
        for (Office office : all) {
            boolean hasUnits = all.stream().anyMatch(o -> o.parentId() != null && o.parentId() == office.id());
            if (!hasUnits) continue;
            YearMonth month = YearMonth.now(clock.withZone(office.zone())).minusMonths(1);
            Period period = Period.month(month);
            if (store.find(office.id(), period).isPresent()) continue;
            try {
                issue(Actor.system(office.id()), office.id(), month);
                stored++;
            } catch (RuntimeException e) { // one office's failure does not stop the others; tried again next run
                log.warn("bulletin {} for office {} failed; tried again at the next run", period.key(),
                        office.code(), e);
            }
        }
        if (stored > 0) log.info("{} monthly bulletins issued", stored);
        return stored;
    }

    private Ranking ranking(Actor actor, long officeId, Period period) {
        visible(actor, offices.get(officeId));
        FigureTable table = statistics.figures(actor, new FigureQuery(officeId, period.from(), period.to(),
                GroupBy.OFFICE_CHILDREN));
        List<Office> units = offices.subtree(officeId).stream()
                .filter(o -> o.parentId() != null && o.parentId() == officeId).toList();
        return RankingRule.rank(period, table, units);
    }

    private void visible(Actor actor, Office office) {
        if (!offices.get(actor.officeId()).contains(office)) {
            throw new OutOfJurisdiction("report-out-of-jurisdiction", "office " + office.code()
                    + " lies outside the jurisdiction of " + actor.username());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
