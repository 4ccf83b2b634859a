package org.lianxin.reports;

import java.time.Clock;
import java.time.Year;
import java.time.YearMonth;
import java.util.List;
import javax.sql.DataSource;
import org.lianxin.reports.internal.JdbcBulletins;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Offices;
import org.lianxin.statistics.Statistics;

/**
 * The monthly bulletin (一月一通报) and the yearly ranking (一年一排名) of a jurisdiction, built on the statistics
 * module's figures (nothing is counted again here). An actor sees the reports of offices in its own subtree only.
 *
 * @see RankingRule the ranking and talk rules, in words and in code
 */
public interface Bulletins {
    /** The month's ranking of the office's units with the talk flags. */
    MonthlyBulletin month(Actor actor, long officeId, YearMonth month);

    /** The year's ranking of the office's units (no talk flags: those are monthly). */
    Ranking year(Actor actor, long officeId, Year year);

    /** The month's bulletin as PDF, made now from the current figures. */
    byte[] monthly(Actor actor, long officeId, YearMonth month);

    /** The year's ranking as PDF, made now from the current figures. */
    byte[] yearly(Actor actor, long officeId, Year year);

    /** The bulletins stored for the office, newest period first. */
    List<BulletinInfo> list(Actor actor, long officeId);

    /** One stored bulletin. */
    StoredPdf stored(Actor actor, long bulletinId);

    /**
     * Makes and stores the month's bulletin of the office (made now; replaces none: a month already stored stays as
     * issued and is returned).
     */
    BulletinInfo issue(Actor actor, long officeId, YearMonth month);

    /**
     * The run on the 1st: the previous month's bulletin of every office with units (child offices), stored where it
     * is missing. Safe to run again and on several nodes (one row per office and month).
     *
     * @return how many were stored by this run
     */
    int issueDue();

    /**
     * @throws IllegalStateException the font file is missing, unreadable or without Chinese glyphs (a clear message
     *                               naming the file and the setting)
     */
    static Bulletins create(DataSource dataSource, Statistics statistics, Offices offices, Clock clock,
                            ReportSettings settings) {
        return new JdbcBulletins(dataSource, statistics, offices, clock, settings);
    }
}
