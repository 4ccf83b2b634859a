package org.lianxin.bench.access;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The concrete requests for one operation and one subject: path parameters and body ids filled with objects of
 * the subject's own subtree ({@link Rules.Scope#OWN}) and of another city's ({@link Rules.Scope#OTHER}); a list or a
 * create with nothing to fill is one request ({@link Rules.Scope#NONE}).
 */
final class Targets {
    /** A request to make: its scope, the path with its query, and the body (null for none). */
    record Target(Rules.Scope scope, String path, String body, boolean self) {
    }

    static final long MISSING = 999_999_999L;
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern BODY_IDS = Pattern.compile("(?i)(office|official|invitee|terminal|case|booking)Ids?");

    private final World world;
    private final Bodies bodies;
    private final ApiDocument doc;

    Targets(World world, ApiDocument doc) {
        this.world = world;
        this.doc = doc;
        this.bodies = new Bodies(doc);
    }

    List<Target> of(ApiDocument.Operation op, Subject s) {
        boolean scoped = hasKnownParam(op.path()) || bodyNamesIds(op) || !op.idQuery().isEmpty();
        List<Target> list = new ArrayList<>();
        if (!scoped || !s.staff()) {
            Target t = fill(op, s, scoped ? Rules.Scope.OWN : Rules.Scope.NONE);
            list.add(t != null ? t : missing(op, s));
            return list;
        }
        if (!op.idQuery().isEmpty() && !op.path().contains("{") && op.body() == null) {
            // a list: as it is, then filtered by each id of the other jurisdiction alone
            list.add(fill(op, s, Rules.Scope.NONE));
            for (String q : op.idQuery()) {
                Long id = id(queryKind(q), s, Rules.Scope.OTHER);
                if (id != null) {
                    String path = list.get(0).path();
                    list.add(new Target(Rules.Scope.FILTER, path + (path.contains("?") ? "&" : "?") + q + "=" + id,
                            null, false));
                }
            }
            return list;
        }
        Target own = fill(op, s, Rules.Scope.OWN);
        Target other = fill(op, s, Rules.Scope.OTHER);
        if (own != null) list.add(own);
        if (other != null) list.add(other);
        if (list.isEmpty()) list.add(missing(op, s));
        return list;
    }

    /** A request naming no existing object (the subject has none of its own of that kind): denied or 404. */
    private Target missing(ApiDocument.Operation op, Subject s) {
        Target t = fill(op, s, null);
        return new Target(Rules.Scope.NONE, t.path(), t.body(), false);
    }

    /** The request for a scope; null if the world has no object of that scope for a parameter. */
    private Target fill(ApiDocument.Operation op, Subject s, Rules.Scope scope) {
        String template = op.path();
        Matcher m = PARAM.matcher(template);
        StringBuilder path = new StringBuilder();
        boolean self = false;
        int named = 0;
        while (m.find()) {
            String value = value(template, m.start(), m.group(1), s, scope);
            if (value == null) return null;
            if (paramKind(template, m.start(), m.group(1)) != null || m.group(1).equals("username")) named++;
            if ("officials".equals(paramKind(template, m.start(), m.group(1))) && s.officialId() != null
                    && value.equals(String.valueOf(s.officialId()))) {
                self = true;
            }
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        String sep = "?";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String q : op.requiredQuery()) {
            String v = q.equals("from") ? today.toString() : q.equals("to") ? today.plusDays(7).toString()
                    : q.equals("month") ? today.toString().substring(0, 7) : "1";
            path.append(sep).append(q).append('=').append(v);
            sep = "&";
        }
        if (scope != null && scope != Rules.Scope.NONE) {
            for (String q : op.idQuery()) {
                Long id = id(queryKind(q), s, scope);
                if (id == null) continue;
                named++;
                path.append(sep).append(q).append('=').append(id);
                sep = "&";
            }
        }
        String body = null;
        if (op.body() != null) {
            boolean[] unfilled = {false};
            int[] filledIds = {0};
            body = bodies.make(op.body(), name -> {
                String kind = bodyKind(name);
                if (kind == null) return null;
                Long id = id(kind, s, scope);
                if (id == null) unfilled[0] = true;
                else filledIds[0]++;
                return id;
            });
            if (unfilled[0] && scope != null) return null;
            named += filledIds[0];
        }
        if (scope == Rules.Scope.OTHER && named == 0) return null;
        return new Target(scope == null ? Rules.Scope.NONE : scope, path.toString(), body, self);
    }

    private String value(String template, int at, String name, Subject s, Rules.Scope scope) {
        String kind = paramKind(template, at, name);
        if (kind != null) {
            Long id = id(kind, s, scope);
            if (id == null) return scope == null ? String.valueOf(MISSING) : null;
            return name.equals("code") ? world.bookingCode(id) : String.valueOf(id);
        }
        switch (name) {
            case "username":
                if (scope == Rules.Scope.OTHER) return otherUser(s);
                return s.name().contains(" ") ? "sc.admin" : s.name();
            case "month":
                return LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7);
            case "chainIndex":
                return "0";
            case "token":
                return "no-such-feed-token";
            default:
                return "1";
        }
    }

    private String otherUser(Subject s) {
        World.OfficeRow fucheng = world.office("510703");
        if (fucheng != null && !world.looksAt(s.officeId(), fucheng.id())) return "fucheng.scheduler";
        World.OfficeRow jinjiang = world.office("510104");
        if (jinjiang != null && !world.looksAt(s.officeId(), jinjiang.id())) return "jinjiang.scheduler";
        return null;
    }

    private Long id(String kind, Subject s, Rules.Scope scope) {
        if (scope == null) return MISSING;
        if (scope == Rules.Scope.NONE) return world.pick(kind, s.officeId(), true);
        return world.pick(kind, s.officeId(), scope == Rules.Scope.OWN);
    }

    private boolean hasKnownParam(String template) {
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            if (paramKind(template, m.start(), m.group(1)) != null || m.group(1).equals("username")) return true;
        }
        return false;
    }

    private boolean bodyNamesIds(ApiDocument.Operation op) {
        if (op.body() == null) return false;
        var schema = doc.resolve(op.body());
        if (schema.has("items")) schema = doc.resolve(schema.path("items"));
        for (var p : schema.path("properties").properties()) {
            if (bodyKind(p.getKey()) != null) return true;
        }
        return false;
    }

    /** The kind of object a path parameter names: the segment before {@code {id}}, or the parameter's own name. */
    String paramKind(String template, int at, String name) {
        switch (name) {
            case "bookingId":
            case "code":
                return "bookings";
            case "caseId":
                return "cases";
            case "officeId":
                return "offices";
            case "officialId":
                return "officials";
            case "id": {
                String before = template.substring(0, at - 1);
                String segment = before.substring(before.lastIndexOf('/') + 1);
                return World.KINDS.contains(segment) || world.knows(segment) ? segment : null;
            }
            default:
                return null;
        }
    }

    /** The kind of object an optional query parameter names ({@code office}, {@code unitId}, {@code caseId}…). */
    static String queryKind(String name) {
        if (name.equals("office") || name.equals("unitId")) return "offices";
        return bodyKind(name);
    }

    static String bodyKind(String field) {
        Matcher m = BODY_IDS.matcher(field);
        if (!m.matches() && !field.toLowerCase(Locale.ROOT).endsWith("officeid")) return null;
        if (!m.matches()) return "offices";
        String k = m.group(1).toLowerCase(Locale.ROOT);
        return k.equals("invitee") ? "officials" : k + "s";
    }
}
