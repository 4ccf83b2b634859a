package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.scheduler.internal.RuleFactsExamples;
import org.lianxin.web.problem.ApiExceptionHandler;
import org.springframework.http.ProblemDetail;

/**
 * A rule's message in the pages ({@code rule.<id>} in {@code static/i18n/errors.js}) names the specifics with
 * {placeholders} that /js/api.js fills from the problem's members, the rule's facts. Every placeholder must be a
 * fact the server sends for that rule, in both languages, or the page would show a sentence with a hole:
 * <ul>
 * <li>by running the rules: each refusal of {@link RuleFactsExamples} (the scheduler's real rules on fixtures) made
 * into a problem by {@link ApiExceptionHandler}, its members against its rule's messages;</li>
 * <li>by reading the sources: every place that raises a rule whose message has placeholders names each of them as a
 * fact ({@code "minutes"}), so no raising site (a second one, in another module) forgets them.</li>
 * </ul>
 */
class RuleMessageFactsTest {
    private static final Path WEB = webModule();
    private static final MessageFiles FILES = new MessageFiles(WEB.resolve("src/main/resources/static"));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** Members that are not facts, and the facts api.js reads but never shows as such. */
    private static final Set<String> NOT_SHOWN = Set.of("type", "title", "status", "detail", "instance", "rule",
            "errors", "errorId", "zone");

    @Test
    void everyPlaceholderOfARulesMessageIsAFactTheServerSendsForThatRule() {
        ApiExceptionHandler handler = new ApiExceptionHandler();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (SchedulerException e : RuleFactsExamples.all()) {
            ProblemDetail pd = handler.scheduler(e).getBody();
            Map<String, Object> members = pd.getProperties() == null ? Map.of() : pd.getProperties();
            seen.add(e.rule());
            for (String language : MessageFiles.LANGUAGES) {
                String message = FILES.messages("errors", language).get("rule." + e.rule());
                assertThat(message).as("rule.%s in %s", e.rule(), language).isNotNull();
                for (String placeholder : placeholders(message)) {
                    if (NOT_SHOWN.contains(placeholder) || !members.containsKey(placeholder)) {
                        problems.add("rule." + e.rule() + " (" + language + ") shows {" + placeholder
                                + "}, but the problem has only " + members.keySet());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(seen).as("the examples cover the rules that name specifics").contains("terminal-busy",
                "official-busy", "invitee-busy", "official-blocked", "invitee-blocked", "daily-limit",
                "outside-availability", "case-outside-official-jurisdiction", "terminal-outside-case-office",
                "invitee-outside-jurisdiction", "too-early-to-check-in");
    }

    @Test
    void everySiteRaisingARuleWithPlaceholdersNamesEachOfThemAsAFact() {
        Map<String, List<RuleSites.Site>> rules = new RuleSites(MessagesTest.FAMILIES).readModules(modules()).rules();
        List<String> problems = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (Map.Entry<String, List<RuleSites.Site>> rule : rules.entrySet()) {
            Set<String> wanted = new LinkedHashSet<>();
            for (String language : MessageFiles.LANGUAGES) {
                String message = FILES.messages("errors", language).get("rule." + rule.getKey());
                if (message != null) wanted.addAll(placeholders(message));
            }
            if (wanted.isEmpty()) continue;
            checked.add(rule.getKey());
            for (RuleSites.Site site : rule.getValue()) {
                String statement = statementAt(site);
                for (String fact : wanted) {
                    if (!statement.contains("\"" + fact + "\"")) {
                        problems.add(site + " raises " + rule.getKey() + " without the fact \"" + fact + "\"");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).contains("terminal-busy", "room-not-open", "official-inactive", "already-invited");
    }

    /** The placeholders of a message, each once. */
    static Set<String> placeholders(String message) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** The source of the statement that raises at {@code site}: from its line to the first ';' ending a line. */
    private static String statementAt(RuleSites.Site site) {
        String module = site.file().substring(0, site.file().indexOf('/'));
        Path file = WEB.getParent().resolve(module).resolve("src/main/java")
                .resolve(site.file().substring(module.length() + 1));
        try {
            List<String> lines = Files.readAllLines(file);
            StringBuilder sb = new StringBuilder();
            for (int i = site.line() - 1; i < lines.size(); i++) {
                sb.append(lines.get(i)).append('\n');
                if (lines.get(i).stripTrailing().endsWith(";")) break;
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path webModule() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("src/main/resources/static"))) return p;
            if (Files.isDirectory(p.resolve("web/src/main/resources/static"))) return p.resolve("web");
        }
        throw new IllegalStateException("no web module above " + here);
    }

    private static List<Path> modules() {
        try (Stream<Path> dirs = Files.list(WEB.getParent())) {
            return dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
