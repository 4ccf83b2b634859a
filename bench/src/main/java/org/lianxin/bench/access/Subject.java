package org.lianxin.bench.access;

/**
 * Who makes a request: a demo user (its role and office), the checker's evaluator, nobody (unauthenticated), or a
 * session that was logged out ({@code EXPIRED}: the old cookie sent again); {@code officialId} is the official the
 * user is (a leader, a department official), or null.
 */
record Subject(String name, Kind kind, String role, long officeId, Long officialId, Http.Credentials credentials) {
    enum Kind { STAFF, EVALUATOR, ANONYMOUS, EXPIRED }

    boolean staff() {
        return kind == Kind.STAFF;
    }

    @Override
    public String toString() {
        return kind == Kind.STAFF || kind == Kind.EVALUATOR ? name + " (" + role + ")" : name;
    }
}
