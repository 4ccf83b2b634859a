package org.lianxin.bench.access;

import java.util.ArrayList;
import java.util.List;

import org.lianxin.web.demo.DemoData;
import tools.jackson.databind.JsonNode;

/**
 * Everyone the checker acts as: every demo user (each role at the province, a city, a county and a city's
 * department), an evaluator it registers as the province's admin, nobody, and a session it logged out.
 */
final class Subjects {
    static final String EVALUATOR_NAME = "check.evaluator";

    private Subjects() {
    }

    static List<Subject> all(Http http, String password, ApiDocument doc) {
        List<Subject> list = new ArrayList<>();
        for (DemoData.DemoUser u : DemoData.USERS) {
            Http.Credentials c = session(http, u.username(), password);
            JsonNode me = me(http, c, u.username());
            list.add(new Subject(u.username(), Subject.Kind.STAFF, me.path("role").asString(),
                    me.path("officeId").asLong(), officialId(me), c));
        }
        Subject admin = list.get(0);
        Subject evaluator = evaluator(http, admin, password, doc);
        if (evaluator != null) list.add(evaluator);
        list.add(new Subject("unauthenticated", Subject.Kind.ANONYMOUS, null, admin.officeId(),
                null, Http.Credentials.NONE));
        list.add(new Subject("logged-out session of " + admin.name(), Subject.Kind.EXPIRED, null, admin.officeId(),
                null, loggedOut(http, admin.name(), password)));
        return list;
    }

    private static Long officialId(JsonNode me) {
        return me.path("officialId").isIntegralNumber() ? me.path("officialId").asLong() : null;
    }

    private static JsonNode me(Http http, Http.Credentials c, String username) {
        Http.Response r = http.send("GET", "/api/v1/me", c, null);
        if (!r.ok()) throw new IllegalStateException(username + " cannot log in: " + r.status() + " " + r.body());
        return ApiDocument.JSON.readTree(r.body());
    }

    /** An evaluator of the province's pool with a login (none is in the demo data); null if it cannot be made. */
    private static Subject evaluator(Http http, Subject admin, String password, ApiDocument doc) {
        String evaluatorPassword = password + "-Ev9!";
        Http.Credentials c = Http.Credentials.basic(EVALUATOR_NAME, evaluatorPassword);
        if (!http.send("GET", "/api/v1/me", c, null).ok()) {
            if (doc.operations().stream().noneMatch(o -> o.key().equals("POST /api/v1/evaluation/evaluators"))) {
                return null;
            }
            String body = "{\"name\":\"访问检查评议员\",\"kind\":\"EXPERT\",\"affiliationOfficeId\":"
                    + admin.officeId() + "}";
            Http.Response r = http.send("POST", "/api/v1/evaluation/evaluators", admin.credentials(), body);
            if (!r.ok()) throw new IllegalStateException("registering an evaluator: " + r.status() + " " + r.body());
            long id = ApiDocument.JSON.readTree(r.body()).path("id").asLong();
            Http.Response login = http.send("POST", "/api/v1/evaluation/evaluators/" + id + "/login",
                    admin.credentials(), "{\"username\":\"" + EVALUATOR_NAME + "\",\"password\":\""
                            + evaluatorPassword + "\"}");
            if (!login.ok()) {
                throw new IllegalStateException("an evaluator's login: " + login.status() + " " + login.body());
            }
        }
        Http.Credentials session = session(http, EVALUATOR_NAME, evaluatorPassword);
        JsonNode me = me(http, session, EVALUATOR_NAME);
        return new Subject(EVALUATOR_NAME, Subject.Kind.EVALUATOR, me.path("role").asString(),
                me.path("officeId").asLong(), null, session);
    }

    /** Logs in with the form, checks the session works, logs out: the cookie that is left. */
    private static Http.Credentials loggedOut(Http http, String username, String password) {
        Http.Credentials live = session(http, username, password);
        Http.Response out = http.send("POST", "/logout", live, null);
        if (out.status() >= 400) throw new IllegalStateException("logout failed: " + out.status());
        return live;
    }

    /**
     * A session as a browser has it (form login, the session cookie, the CSRF token sent back as X-XSRF-TOKEN): HTTP
     * Basic would hash the password again on every one of the check's thousands of requests.
     */
    static Http.Credentials session(Http http, String username, String password) {
        Http.Response page = http.send("GET", "/login", Http.Credentials.NONE, null);
        String csrf = page.cookie("XSRF-TOKEN");
        String jar = "XSRF-TOKEN=" + csrf + (page.cookie("JSESSIONID") == null ? ""
                : "; JSESSIONID=" + page.cookie("JSESSIONID"));
        Http.Response login = http.form("/login", jar, "username=" + Http.enc(username) + "&password="
                + Http.enc(password) + "&_csrf=" + Http.enc(csrf));
        String session = login.cookie("JSESSIONID");
        if (session == null) throw new IllegalStateException(username + ": form login gave no session: "
                + login.status());
        Http.Credentials probe = new Http.Credentials(null, "JSESSIONID=" + session, null);
        Http.Response me = http.send("GET", "/api/v1/me", probe, null);
        String token = me.cookie("XSRF-TOKEN");
        if (!me.ok() || token == null || token.isEmpty()) {
            throw new IllegalStateException(username + ": the form login's session does not work: " + me.status());
        }
        return new Http.Credentials(null, "JSESSIONID=" + session + "; XSRF-TOKEN=" + token, token);
    }
}
