package org.lianxin.evaluation;

/**
 * An evaluator to add to the pool of the admin's office. {@code username} is the login the evaluator will sign in
 * with (an app_user of role EVALUATOR), or null until one is made.
 */
public record NewEvaluator(String name, EvaluatorKind kind, Long affiliationOfficeId, String username) {
}
