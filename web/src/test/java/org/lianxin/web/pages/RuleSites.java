package org.lianxin.web.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the {@code rule} ids the server can put into a problem detail by reading the main Java sources of every
 * module for the places that raise them, each with its rule id as a string literal:
 * <ul>
 * <li>the scheduler's exceptions: {@code new RuleViolation("rule", …)}, {@code new Conflict("rule", …)},
 * {@code new OutOfJurisdiction("rule", …)} (one argument: {@code out-of-jurisdiction}) and
 * {@code new NotFound("kind", id)} ({@code kind-not-found});</li>
 * <li>the web module's problems: {@code new RecordingProblem(status, "rule", …)},
 * {@code RecordingProblem.conflict("rule", …)}, {@code Problems.of(status, "rule", …)},
 * {@code Problems.write(response, status, "rule", …)} and {@code Problems.withRule(problem, …)}.</li>
 * </ul>
 * The rule argument may be a literal, a choice between literals ({@code host ? "official-busy" : "invitee-busy"}),
 * a local variable assigned literals in the same file ({@code rule = "storage-unavailable"}), a call of a method of
 * the same file whose switch arms or returns are literals ({@code ruleFor(status)}), or a literal prefix joined to a
 * value of a known family ({@code "state-" + state}). A site whose rule cannot be read that way is reported as
 * unreadable, so that a refactoring cannot silently hide its rules.
 */
final class RuleSites {

    /** How each raising call carries its rule. */
    enum Kind {
        RULE_VIOLATION("new\\s+RuleViolation", 0, ""),
        CONFLICT("new\\s+Conflict", 0, ""),
        OUT_OF_JURISDICTION("new\\s+OutOfJurisdiction", 0, ""),
        NOT_FOUND("new\\s+NotFound", 0, "-not-found"),
        RECORDING_PROBLEM("new\\s+RecordingProblem", 1, ""),
        RECORDING_PROBLEM_CONFLICT("RecordingProblem\\.conflict", 0, ""),
        PROBLEMS_OF("Problems\\.of", 1, ""),
        PROBLEMS_WRITE("Problems\\.write", 2, ""),
        PROBLEMS_WITH_RULE("Problems\\.withRule", 1, ""),
        SUPERVISION_REFUSED("new\\s+SupervisionException\\.Refused", 0, ""),
        SUPERVISION_CONFLICT("new\\s+SupervisionException\\.Conflict", 0, ""),
        SUPERVISION_NOT_FOUND("new\\s+SupervisionException\\.NotFound", 0, "-not-found"),
        SUPERVISION_FORBIDDEN("new\\s+SupervisionException\\.Forbidden", 0, ""),
        SUPERVISION_PROBLEM("new\\s+SupervisionProblem", 1, ""),
        TOPICS_REFUSED("new\\s+TopicsException\\.Refused", 0, ""),
        TOPICS_CONFLICT("new\\s+TopicsException\\.Conflict", 0, ""),
        TOPICS_NOT_FOUND("new\\s+TopicsException\\.NotFound", 0, "-not-found"),
        TOPICS_FORBIDDEN("new\\s+TopicsException\\.Forbidden", 0, "");

        final Pattern call;
        final int ruleArgument;
        final String suffix;

        Kind(String call, int ruleArgument, String suffix) {
            this.call = Pattern.compile("(?<![\\w.])" + call + "\\s*\\(");
            this.ruleArgument = ruleArgument;
            this.suffix = suffix;
        }
    }

    /** One raising site: where, how, the rule argument as written, and the rule ids it can give. */
    record Site(String file, int line, Kind kind, String argument, Set<String> rules) {
        @Override
        public String toString() {
            return file + ":" + line + " " + kind + "(" + argument + ")";
        }
    }

    /**
     * Rule arguments that pass a rule through instead of raising one: the definitions of {@code RecordingProblem}
     * (its callers are read instead) and the mapping of a scheduler exception's own {@code rule()} (the scheduler's
     * raising sites are read instead). Keyed by file name and argument as written.
     */
    static final Set<String> PASS_THROUGH = Set.of("RecordingProblem.java:rule", "ApiExceptionHandler.java:rule",
            "SupervisionProblem.java:rule");

    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LITERAL = Pattern.compile("\"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern PREFIXED = Pattern.compile("\"([a-z0-9-]+-)\"\\s*\\+.*", Pattern.DOTALL);

    private final Map<String, Function<String, Set<String>>> families;
    private final List<Site> sites = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();

    /**
     * @param families rule families built at run time, by their literal prefix (e.g. {@code "state-"}): what may
     *                 follow the prefix, given the expression the prefix is joined to
     */
    RuleSites(Map<String, Function<String, Set<String>>> families) {
        this.families = families;
    }

    /** Reads every {@code .java} file under {@code src/main/java} of each module directory given. */
    RuleSites readModules(List<Path> modules) {
        for (Path module : modules) {
            Path main = module.resolve("src/main/java");
            if (!Files.isDirectory(main)) continue;
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    read(module.getFileName() + "/" + main.relativize(f), Files.readString(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Reads one source file. */
    RuleSites read(String file, String source) {
        String code = withoutComments(source);
        String name = file.substring(file.lastIndexOf('/') + 1);
        for (Kind kind : Kind.values()) {
            Matcher m = kind.call.matcher(code);
            while (m.find()) {
                int open = m.end() - 1;
                List<String> args = arguments(code, open);
                if (args == null) continue;
                int line = lineOf(code, m.start());
                String argument;
                Set<String> rules;
                if ((kind == Kind.OUT_OF_JURISDICTION || kind == Kind.SUPERVISION_FORBIDDEN) && args.size() == 1) {
                    argument = args.get(0);
                    rules = Set.of("out-of-jurisdiction");
                } else if (args.size() <= kind.ruleArgument) {
                    unreadable.add(file + ":" + line + " " + kind + " with " + args.size() + " argument(s)");
                    continue;
                } else {
                    argument = args.get(kind.ruleArgument).strip();
                    if (PASS_THROUGH.contains(name + ":" + argument)) continue;
                    rules = resolve(argument, code);
                    if (rules.isEmpty()) {
                        unreadable.add(file + ":" + line + " " + kind + "(" + argument + ")");
                        continue;
                    }
                }
                Set<String> withSuffix = new TreeSet<>();
                rules.forEach(r -> withSuffix.add(r + kind.suffix));
                sites.add(new Site(file, line, kind, argument, withSuffix));
            }
        }
        return this;
    }

    List<Site> sites() {
        return sites;
    }

    /** Sites whose rule could not be read (to be written with literals, or taught to this reader). */
    List<String> unreadable() {
        return unreadable;
    }

    /** Every rule id found, each with the sites that raise it. */
    Map<String, List<Site>> rules() {
        Map<String, List<Site>> out = new LinkedHashMap<>();
        sites.stream().sorted((a, b) -> a.toString().compareTo(b.toString()))
                .forEach(s -> s.rules().forEach(r -> out.computeIfAbsent(r, k -> new ArrayList<>()).add(s)));
        return out;
    }

    // ---------------------------------------------------------------- resolving a rule argument

    private Set<String> resolve(String argument, String code) {
        Matcher prefixed = PREFIXED.matcher(argument);
        if (prefixed.matches()) {
            Function<String, Set<String>> family = families.get(prefixed.group(1));
            if (family == null) return Set.of();
            Set<String> rules = new TreeSet<>();
            family.apply(argument.substring(argument.indexOf('+') + 1).strip())
                    .forEach(value -> rules.add(prefixed.group(1) + value));
            return rules;
        }
        Set<String> literals = literalsOnly(argument);
        if (literals != null) return literals;
        if (IDENTIFIER.matcher(argument).matches()) return assignedTo(argument, code);
        Matcher call = CALL.matcher(argument);
        if (call.matches() && !argument.contains("\"")) return returnedBy(call.group(1), code);
        return Set.of();
    }

    /**
     * The literals of an expression made only of rule-id literals and conditions between them ({@code "a"} or
     * {@code x ? "a" : "b"}); null when it is anything else (no literal, a concatenation, a literal that is no rule id).
     */
    private static Set<String> literalsOnly(String expression) {
        Matcher m = LITERAL.matcher(expression);
        Set<String> found = new LinkedHashSet<>();
        while (m.find()) {
            if (!RULE_ID.matcher(m.group(1)).matches()) return null;
            found.add(m.group(1));
        }
        if (found.isEmpty()) return null;
        String rest = LITERAL.matcher(expression).replaceAll("");
        if (rest.contains("+")) return null;
        if (!rest.isBlank() && !rest.contains("?")) return null;
        return found;
    }

    /** The rule-id literals assigned to a local variable in the file ({@code rule = "storage-unavailable";}). */
    private static Set<String> assignedTo(String variable, String code) {
        Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(variable) + "\\s*=(?!=)\\s*\"([^\"]*)\"\\s*;")
                .matcher(code);
        Set<String> found = new LinkedHashSet<>();
        while (m.find()) {
            if (RULE_ID.matcher(m.group(1)).matches()) found.add(m.group(1));
        }
        return found;
    }

    /**
     * The rule-id literals a method of the file gives: its switch arms ({@code case 404 -> "not-found"}) and returns.
     * A literal joined to something else ({@code "http-" + status}) is a fragment, not a rule, and is left out.
     */
    private static Set<String> returnedBy(String method, String code) {
        Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(method) + "\\s*\\([^)]*\\)\\s*\\{").matcher(code);
        Set<String> found = new LinkedHashSet<>();
        while (m.find()) {
            int end = matching(code, m.end() - 1, '{', '}');
            if (end < 0) continue;
            String body = code.substring(m.end(), end);
            Matcher lit = Pattern.compile("(->|return|:|\\?)\\s*\"([^\"]*)\"(?!\\s*\\+)").matcher(body);
            while (lit.find()) {
                if (RULE_ID.matcher(lit.group(2)).matches()) found.add(lit.group(2));
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- reading Java text

    /** The source with comments blanked out (strings and line breaks kept, so offsets and lines stay). */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    if (source.charAt(j) == '\\') j++;
                    j++;
                }
                j = Math.min(n, j + 1);
                out.append(source, i, j);
                i = j;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++) out.append(source.charAt(k) == '\n' ? '\n' : ' ');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The arguments of the call whose '(' is at {@code open}, split at top-level commas; null if unbalanced. */
    static List<String> arguments(String code, int open) {
        int close = matching(code, open, '(', ')');
        if (close < 0) return null;
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i < close; i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(code.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = code.substring(start, close).strip();
        if (!last.isEmpty() || !args.isEmpty()) args.add(last);
        return args;
    }

    /** The index of the bracket closing the one at {@code open}, skipping literals; -1 if none. */
    private static int matching(String code, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i);
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int endOfLiteral(String code, int start) {
        char quote = code.charAt(start);
        if (quote == '"' && code.startsWith("\"\"\"", start)) {
            int end = code.indexOf("\"\"\"", start + 3);
            return end < 0 ? code.length() - 1 : end + 2;
        }
        int i = start + 1;
        while (i < code.length() && code.charAt(i) != quote) {
            if (code.charAt(i) == '\\') i++;
            i++;
        }
        return Math.min(i, code.length() - 1);
    }

    private static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (code.charAt(i) == '\n') line++;
        return line;
    }
}
