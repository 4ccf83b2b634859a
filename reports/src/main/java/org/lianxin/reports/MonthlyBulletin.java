package org.lianxin.reports;

import java.time.Instant;

/**
 * A month's bulletin of a jurisdiction as data: the month's ranking with the units flagged for a talk (at the bottom
 * this month and the month before), the previous month's ranking it was compared with, and when it was made.
 */
public record MonthlyBulletin(Ranking ranking, Ranking previous, Instant generatedAt) {
}
