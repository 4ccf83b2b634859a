package org.lianxin.evaluation;

/**
 * A stored draw re-run: {@code sameResult} when the stored seed and inputs give the stored outcome again,
 * {@code inputsIntact} when the stored inputs still hash to the stored hash, {@code inputsCurrent} when today's data
 * (completed items, eligible evaluators) still give the same inputs (false after, e.g., an evaluator left the pool).
 */
public record Verification(long drawId, String storedHash, String rerunHash, boolean inputsIntact,
        boolean inputsCurrent, boolean sameResult) {
    public boolean verified() {
        return inputsIntact && sameResult;
    }
}
