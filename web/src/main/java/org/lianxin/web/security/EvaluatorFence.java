package org.lianxin.web.security;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a third-party evaluator's account ({@code Role.EVALUATOR}) may request: its own page and the REST calls behind
 * it (its drawn matters and scores, who it is, the recordings it may play back, which {@code RecordingAccess} checks
 * one by one), nothing else. Everything else answers 403: the REST API and the signaling socket with a problem
 * ({@value #RULE}), the staff pages by a redirect to the evaluator's own page, which says the page is not for it.
 * An allow-list, so that a page or endpoint added later is closed to evaluators until it is named here.
 */
public final class EvaluatorFence {
    /** The problem's rule when an evaluator asks for anything else (written as a literal where it is raised). */
    public static final String RULE = "evaluator-scope";
    /** The evaluator's own page. */
    public static final String PAGE = "/evaluation/";

    private record Allowed(String method, Pattern path) {
    }

    private static final List<Allowed> ALLOWED = List.of(
            get("/"),
            get("/evaluation(/|/index\\.html)?"),
            get("/evaluation/[a-z0-9-]+\\.(js|css)"),
            new Allowed(null, Pattern.compile("/api/(v1/)?evaluation/my/.*")),
            get("/api/v1/me"),
            get("/api/v1/recordings/\\d+"),
            get("/api/v1/recordings/\\d+/composed/media"),
            get("/api/v1/recordings/\\d+/segments/\\d+/media"));

    private EvaluatorFence() {
    }

    private static Allowed get(String regex) {
        return new Allowed("GET", Pattern.compile(regex));
    }

    /** Whether an evaluator may make this request; {@code path} is without the context path. */
    public static boolean allows(String method, String path) {
        String m = "HEAD".equals(method) ? "GET" : method;
        for (Allowed a : ALLOWED) {
            if ((a.method() == null || a.method().equals(m)) && a.path().matcher(path).matches()) return true;
        }
        return false;
    }

    /**
     * Whether a refused request is a page a person opened (answered by a redirect to {@link #PAGE}) rather than a
     * call of the API (answered by a 403 problem).
     */
    public static boolean isPage(String method, String path) {
        return "GET".equals(method) && !path.startsWith("/api/") && !path.startsWith("/ws/")
                && !path.startsWith("/actuator") && !path.startsWith("/v3/");
    }
}
