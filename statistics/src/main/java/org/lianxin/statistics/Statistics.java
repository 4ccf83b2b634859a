package org.lianxin.statistics;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Offices;
import org.lianxin.statistics.internal.JdbcStatistics;

/**
 * The figures offices are judged by (issue 12), read from the scheduler's and the supervision module's tables. Every
 * figure is defined once, in {@link Figure}. An actor sees the figures of its own office's subtree only.
 */
public interface Statistics {
    /**
     * The table for {@code query}: one row per group, then the total of the office's subtree.
     *
     * @throws org.lianxin.scheduler.NotFound          the office does not exist
     * @throws org.lianxin.scheduler.OutOfJurisdiction the office lies outside the actor's subtree
     */
    FigureTable figures(Actor actor, FigureQuery query);

    static Statistics create(DataSource dataSource, Offices offices, Clock clock) {
        return new JdbcStatistics(dataSource, offices, clock);
    }
}
