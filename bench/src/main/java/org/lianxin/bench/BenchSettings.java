package org.lianxin.bench;

/**
 * A benchmark's numeric setting: the environment variable (what {@code ./lianxin bench} passes through, e.g.
 * {@code LIANXIN_BENCH_RUNS=1 ./lianxin bench join}), else the system property, else the default.
 */
final class BenchSettings {
    private BenchSettings() {
    }

    static int integer(String env, String property, int fallback) {
        String v = System.getenv(env);
        if (v == null || v.isBlank()) {
            v = System.getProperty(property);
        }
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(env + " (or -D" + property + ") must be a whole number, was " + v);
        }
    }
}
