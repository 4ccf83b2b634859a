package org.lianxin.evaluation;

/**
 * Who may sit on a panel for an office: an active evaluator whose affiliation is none, or an office that is neither
 * the evaluated office, nor above it (its supervisors answer for it), nor below it (its own departments and
 * counties). Offices are compared by their materialised paths ("/1/4/37/").
 */
public final class Eligibility {
    private Eligibility() {
    }

    public static boolean eligible(boolean active, String affiliationPath, String evaluatedPath) {
        if (!active) return false;
        if (affiliationPath == null) return true;
        return !affiliationPath.startsWith(evaluatedPath) && !evaluatedPath.startsWith(affiliationPath);
    }
}
