/**
 * Reports (issue 12): the monthly bulletin (一月一通报) and the yearly ranking (一年一排名) of a jurisdiction's units,
 * with the talk (约谈) flag, as data and as PDF. {@link org.lianxin.reports.Bulletins} is the API;
 * {@link org.lianxin.reports.RankingRule} the rules, pure; PDF layout and storage in {@code internal}.
 */
package org.lianxin.reports;
