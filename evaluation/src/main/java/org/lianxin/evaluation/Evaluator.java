package org.lianxin.evaluation;

/** A member of an office's evaluator pool; {@code affiliationOfficeId} is null for one tied to no office. */
public record Evaluator(long id, String name, EvaluatorKind kind, Long affiliationOfficeId, long poolOfficeId,
        String username, boolean active) {
}
