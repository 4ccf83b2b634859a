package org.lianxin.bench.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./lianxin check access}: against a running app with the demo data, every subject ({@link Subjects}) tries
 * every operation of the OpenAPI document ({@link Targets}: its own and another city's objects), every page, and the
 * signaling socket's join; {@link Verdicts} judges each answer against {@link Rules}.
 */
public final class AccessChecker {
    /** The outcome: the counts, each leak and note, and the OpenAPI operations the document listed and were tried. */
    public record Result(int requests, int allowed, int denied, List<String> leaks, List<String> notes,
                         Set<String> operations, Set<String> covered) {
        public String summary() {
            return "CHECK access requests=" + requests + " allowed=" + allowed + " denied=" + denied + " leaks="
                    + leaks.size();
        }
    }

    static final List<String> PAGES = List.of("/", "/login", "/booking/", "/terminal/", "/console/", "/review/",
            "/admin/", "/cases/", "/evaluation/", "/reports/", "/statistics/", "/supervision/", "/topics/",
            "/webhooks/", "/swagger-ui.html", "/v3/api-docs");
    private static final Set<String> PUBLIC_PAGES = Set.of("/login", "/swagger-ui.html", "/v3/api-docs");
    private static final Set<String> EVALUATOR_PAGES = Set.of("/", "/evaluation/");

    private final Http http;
    private final String password;

    public AccessChecker(String baseUrl, String password) {
        this.http = new Http(baseUrl);
        this.password = password;
    }

    public Result run() {
        Http.Response docs = http.send("GET", "/v3/api-docs", Http.Credentials.NONE, null);
        if (!docs.ok()) throw new IllegalStateException("GET /v3/api-docs answered " + docs.status());
        ApiDocument doc = new ApiDocument(docs.body());
        List<Subject> subjects = Subjects.all(http, password, doc);
        Map<String, Http.Credentials> bookers = new LinkedHashMap<>();
        bookers.put("510104", Http.Credentials.basic("jinjiang.scheduler", password));
        bookers.put("510703", Http.Credentials.basic("fucheng.scheduler", password));
        Http.Credentials admin = subjects.get(0).credentials();
        Http.Credentials supervisor = subjects.stream().filter(s -> s.name().equals("sc.reviewer")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no demo user sc.reviewer")).credentials();
        World world = World.discover(http, admin, bookers, supervisor);
        Targets targets = new Targets(world, doc);
        Verdicts verdicts = new Verdicts(world);
        Set<String> operations = new TreeSet<>();
        for (ApiDocument.Operation op : doc.operations()) operations.add(op.key());

        for (Subject s : subjects) {
            Snapshots before = Snapshots.take(http, admin, world, s);
            for (ApiDocument.Operation op : doc.operations()) {
                if (op.key().equals("POST /login")) continue; // below, with the pages
                for (Targets.Target t : targets.of(op, s)) {
                    Http.Response r = http.send(op.method(), t.path(), s.credentials(), t.body());
                    verdicts.judge(s, op.key(), op.method(), t.path(), t.scope(), Rules.allows(s, op, t.scope(), t.self()),
                            r);
                    remember(world, s, op, r);
                }
            }
            Snapshots.take(http, admin, world, s).compare(before, s, verdicts);
            pages(s, verdicts);
        }
        login(subjects, verdicts);
        new SocketJoin(http, world, password).check(verdicts);
        return new Result(verdicts.requests(), verdicts.allowed(), verdicts.denied(), List.copyOf(verdicts.leaks()),
                List.copyOf(verdicts.notes()), operations, verdicts.covered());
    }

    /** A create that succeeded: its object becomes one the subjects after this one try as another's. */
    private static void remember(World world, Subject s, ApiDocument.Operation op, Http.Response r) {
        if (!s.staff() || !op.method().equals("POST") || op.path().contains("{") || !r.ok()
                || !r.contentType().contains("json")) {
            return;
        }
        var body = ApiDocument.JSON.readTree(r.body());
        if (!body.path("id").isIntegralNumber()) return;
        String kind = op.path().substring(op.path().lastIndexOf('/') + 1);
        world.created(kind, body.path("id").asLong(), s.officeId());
    }

    /** The pages are shells (their data comes from the API): open to staff, closed to nobody and logged-out. */
    private void pages(Subject s, Verdicts verdicts) {
        for (String page : PAGES) {
            boolean expected = PUBLIC_PAGES.contains(page) || s.staff()
                    || (s.kind() == Subject.Kind.EVALUATOR && EVALUATOR_PAGES.contains(page));
            Http.Response r = http.send("GET", page, s.credentials(), null);
            verdicts.judge(s, "page " + page, "GET", page, Rules.Scope.NONE, expected, r);
        }
    }

    /** The form login with a wrong password (refused) and the right one (allowed), as nobody. */
    private void login(List<Subject> subjects, Verdicts verdicts) {
        Subject nobody = subjects.stream().filter(s -> s.kind() == Subject.Kind.ANONYMOUS).findFirst().orElseThrow();
        Http.Response page = http.send("GET", "/login", Http.Credentials.NONE, null);
        String csrf = page.cookie("XSRF-TOKEN");
        Http.Response wrong = http.form("/login", "XSRF-TOKEN=" + csrf, "username=sc.admin&password=wrong-"
                + Http.enc(password) + "&_csrf=" + Http.enc(csrf));
        verdicts.judge(nobody, "POST /login", "POST", "/login (wrong password)", Rules.Scope.NONE, true, wrong);
        if (wrong.cookie("JSESSIONID") != null) {
            Http.Credentials c = new Http.Credentials(null, "JSESSIONID=" + wrong.cookie("JSESSIONID"), null);
            if (http.send("GET", "/api/v1/me", c, null).ok()) {
                verdicts.leak("a login with a wrong password opened a session");
            }
        }
    }
}
