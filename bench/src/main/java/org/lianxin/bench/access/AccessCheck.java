package org.lianxin.bench.access;

/**
 * The command line of {@code ./lianxin check access}: {@code AccessCheck BASE_URL} against a running app with the
 * demo data (the demo users' password in {@code LIANXIN_DEMO_PASSWORD}), or {@code AccessCheck --start}: the app
 * started in this JVM for the check ({@link DemoApp}) and stopped after. Prints each note and leak, then
 * {@code CHECK access requests=<n> allowed=<n> denied=<n> leaks=<n>} last; exit 0 without leaks, 1 with, 2 when the
 * check could not run.
 */
public final class AccessCheck {
    private AccessCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 1) usage();
        int rc;
        if (args[0].equals("--start")) {
            try (DemoApp app = DemoApp.start()) {
                rc = check(app.baseUrl(), app.password());
            }
        } else {
            String password = System.getenv("LIANXIN_DEMO_PASSWORD");
            if (password == null || password.isEmpty() || !args[0].startsWith("http")) usage();
            rc = check(args[0], password);
        }
        System.exit(rc);
    }

    private static void usage() {
        System.err.println("usage: AccessCheck BASE_URL (the demo users' password in LIANXIN_DEMO_PASSWORD)"
                + " | AccessCheck --start");
        System.exit(2);
    }

    private static int check(String baseUrl, String password) {
        AccessChecker.Result result;
        try {
            result = new AccessChecker(baseUrl, password).run();
        } catch (RuntimeException e) {
            System.err.println("check access could not run: " + e.getMessage());
            return 2;
        }
        result.notes().forEach(System.out::println);
        for (String op : result.operations()) {
            if (!result.covered().contains(op)) System.out.println("NOTE not tried: " + op);
        }
        result.leaks().forEach(System.out::println);
        System.out.println(result.summary());
        System.out.flush();
        return result.leaks().isEmpty() ? 0 : 1;
    }
}
