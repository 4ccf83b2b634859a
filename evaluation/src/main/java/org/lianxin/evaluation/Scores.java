package org.lianxin.evaluation;

/** An evaluator's scores, each 1–5: legality (合法性), timeliness (及时性), attitude (态度), result (结果). */
public record Scores(int legality, int timeliness, int attitude, int result, String comment) {
}
