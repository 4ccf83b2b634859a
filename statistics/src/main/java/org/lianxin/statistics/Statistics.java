package org.lianxin.statistics;

import java.time.Clock;
import java.time.Duration;
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

    /** How long stored monthly sums live before they are built again from scratch (they are kept up to date anyway). */
    Duration ROLLUP_MAX_AGE = Duration.ofHours(24);

    /**
     * The figures read from stored monthly sums (tables {@code st_rollup*}) where whole months of the range are
     * stored, brought up to date with the facts before every read, and counted directly from the facts for the rest.
     */
    static Statistics create(DataSource dataSource, Offices offices, Clock clock) {
        return new JdbcStatistics(dataSource, offices, clock, ROLLUP_MAX_AGE);
    }

    /** The figures counted directly from the facts on every read (no stored sums): what the rollups must equal. */
    static Statistics direct(DataSource dataSource, Offices offices, Clock clock) {
        return new JdbcStatistics(dataSource, offices, clock, null);
    }
}
