/**
 * Statistics (issue 12): {@link org.lianxin.statistics.Statistics} answers a
 * {@link org.lianxin.statistics.FigureQuery} with a {@link org.lianxin.statistics.FigureTable} of
 * {@link org.lianxin.statistics.Measure}s that keep numerator and denominator. Definitions in
 * {@link org.lianxin.statistics.Figure}; aggregate SQL in {@code internal}.
 */
package org.lianxin.statistics;
