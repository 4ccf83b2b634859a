package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.protocol.ErrorCode;

/**
 * Every rule the server can return in a problem detail and every numbered error of the signaling protocol has a
 * message in Chinese and in English, in the message files the pages load ({@code static/i18n/*.js}); the files
 * have the same keys in both languages; and every message key a page names is in the areas that page loads.
 *
 * <p>The rules are read from the main Java sources of every module ({@link RuleSites}): the places that raise them
 * with the rule id as a string literal. A page shows {@code rule.<id>} from {@code errors.js} (its parts under
 * {@code errors/}), and for any {@code <kind>-not-found} without its own message the common {@code rule.not-found}
 * (as {@code /js/api.js} does).
 */
class MessagesTest {
    private static final Path WEB = webModule();
    private static final Path STATIC = WEB.resolve("src/main/resources/static");
    private static final MessageFiles FILES = new MessageFiles(STATIC);

    /** Rules built at run time from a literal prefix: {@code "state-" + state} names the booking's state. */
    static final Map<String, Function<String, Set<String>>> FAMILIES = Map.of("state-", expression ->
            Arrays.stream(BookingState.values()).map(s -> s.name().toLowerCase().replace('_', '-'))
                    .collect(Collectors.toCollection(TreeSet::new)));

    private static RuleSites sites() {
        return new RuleSites(FAMILIES).readModules(modules());
    }

    @Test
    void everyRuleTheServerCanReturnHasAMessageInChineseAndInEnglish() {
        Map<String, List<RuleSites.Site>> rules = sites().rules();
        assertThat(rules).as("rules found in the main sources").isNotEmpty();

        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<RuleSites.Site>> rule : rules.entrySet()) {
            for (String language : MessageFiles.LANGUAGES) {
                if (!hasRuleMessage(rule.getKey(), language)) {
                    missing.add("errors " + language + ": rule." + rule.getKey() + "   (raised at "
                            + rule.getValue().get(0) + ")");
                }
            }
        }
        assertThat(missing).as("rules without a message (add them to a part of static/i18n/errors/)").isEmpty();
    }

    @Test
    void everyProtocolErrorCodeHasAMessageInChineseAndInEnglish() {
        List<String> missing = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) keys.add("live.error." + code.number());
        keys.add("live.error.0"); // the page's own: could not reconnect in time
        keys.add("live.error.unknown");
        for (String key : keys) {
            for (String language : MessageFiles.LANGUAGES) {
                if (!FILES.has("live", language, key)) missing.add("live.js " + language + ": " + key);
            }
        }
        assertThat(missing).as("protocol errors without a message (add them to static/i18n/live.js)").isEmpty();
    }

    @Test
    void theCodesThePagesTreatAsFatalAreProtocolCodes() throws IOException {
        Matcher fatal = Pattern.compile("const FATAL = new Set\\(\\[([\\d,\\s]+)]\\)")
                .matcher(Files.readString(STATIC.resolve("js/live.js")));
        assertThat(fatal.find()).as("the FATAL codes in /js/live.js").isTrue();
        Set<Integer> numbers = Arrays.stream(ErrorCode.values()).map(ErrorCode::number).collect(Collectors.toSet());
        List<Integer> codes = Arrays.stream(fatal.group(1).split(",")).map(String::strip).map(Integer::valueOf).toList();
        assertThat(codes).isNotEmpty();
        assertThat(numbers).containsAll(codes);
    }

    /**
     * The reader finds something at every kind of raising site, knows every kind of scheduler exception, and can
     * read the rule at every site: a refactoring that hides the rule ids (a constant, a built string) fails here
     * instead of emptying the check above.
     */
    @Test
    void theRuleFinderReadsEveryRaisingSite() {
        RuleSites sites = sites();
        assertThat(sites.unreadable()).as("raising sites whose rule is not a literal: write the rule id as a string "
                + "literal where it is raised, or teach RuleSites / FAMILIES how to read it").isEmpty();
        Set<RuleSites.Kind> found = EnumSet.noneOf(RuleSites.Kind.class);
        sites.sites().forEach(s -> found.add(s.kind()));
        assertThat(found).as("kinds of raising sites found in the main sources")
                .containsExactlyInAnyOrder(RuleSites.Kind.values());
        assertThat(SchedulerException.class.getPermittedSubclasses()).as("scheduler exceptions RuleSites reads")
                .containsExactlyInAnyOrder(RuleViolation.class, Conflict.class, OutOfJurisdiction.class, NotFound.class);
        assertThat(sites.rules()).containsKeys("terminal-busy", "invitee-busy", "identity-mismatch", "csrf",
                "out-of-jurisdiction", "booking-not-found", "state-cancelled", "storage-unavailable", "not-found",
                "body-too-large", "recording-not-ended");
    }

    @Test
    void everyMessageFileHasTheSameKeysInChineseAndInEnglish() {
        assertThat(FILES.areas()).contains("common", "errors", "live");
        List<String> problems = new ArrayList<>();
        for (String area : FILES.areas()) {
            for (String language : MessageFiles.LANGUAGES) {
                for (String other : MessageFiles.LANGUAGES) {
                    if (other.equals(language)) continue;
                    for (String key : FILES.messages(area, language).keySet()) {
                        if (!FILES.has(area, other, key)) problems.add(area + ".js " + other + ": " + key);
                    }
                }
                FILES.messages(area, language).forEach((key, text) -> {
                    if (text.isBlank()) problems.add(area + ".js " + language + ": " + key + " is blank");
                });
            }
        }
        assertThat(problems).as("keys missing in one language").isEmpty();
    }

    /**
     * Every key a page names literally (data-i18n attributes, t('…') and other key literals in its modules) is in
     * a message area the page loads, and every area is loaded by some page.
     */
    @Test
    void everyKeyAPageNamesIsInTheMessagesThePageLoads() throws IOException {
        Set<String> prefixes = new TreeSet<>();
        for (String area : FILES.areas()) {
            FILES.messages(area, "zh").keySet().forEach(k -> prefixes.add(k.substring(0, k.indexOf('.') + 1)));
        }
        Pattern attribute = Pattern.compile("data-(?:i18n(?:-placeholder|-aria-label)?|title-key)=\"([^\"]+)\"");
        Pattern literal = Pattern.compile("'([a-zA-Z]+(?:\\.[A-Za-z0-9-]+)+)'(?!\\s*\\+)"); // not a prefix
        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        List<MessageFiles.Page> pages = FILES.pages();
        assertThat(pages).extracting(p -> STATIC.relativize(p.html()).toString())
                .contains("login.html", "booking/index.html", "terminal/index.html", "console/index.html",
                        "review/index.html");
        for (MessageFiles.Page page : pages) {
            String name = STATIC.relativize(page.html()).toString();
            Set<String> areas = page.areas(STATIC);
            used.addAll(areas);
            assertThat(areas).as(name + " loads messages").isNotEmpty();
            Set<String> keys = new LinkedHashSet<>();
            Matcher a = attribute.matcher(Files.readString(page.html()));
            while (a.find()) keys.add(a.group(1));
            for (Path module : page.modules()) {
                if (areas.stream().anyMatch(area -> module.equals(STATIC.resolve("i18n/" + area + ".js")))) continue;
                Matcher m = literal.matcher(Files.readString(module));
                while (m.find()) {
                    String key = m.group(1);
                    if (prefixes.contains(key.substring(0, key.indexOf('.') + 1))) keys.add(key);
                }
                Matcher attr = Pattern.compile("'data-i18n(?:-placeholder|-aria-label)?':\\s*'([^']+)'")
                        .matcher(Files.readString(module));
                while (attr.find()) keys.add(attr.group(1));
            }
            for (String key : keys) {
                if (areas.stream().noneMatch(area -> FILES.has(area, "zh", key))) {
                    problems.add(name + " names " + key + ", which none of " + areas + " has");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(used).as("message areas some page loads").containsExactlyInAnyOrderElementsOf(FILES.areas());
    }

    /** The message of a rule in a language as the pages find it (see errorMessage in /js/api.js). */
    private static boolean hasRuleMessage(String rule, String language) {
        if (FILES.has("errors", language, "rule." + rule)) return true;
        return rule.endsWith("-not-found") && FILES.has("errors", language, "rule.not-found");
    }

    // ---------------------------------------------------------------- where things are

    /** The web module's folder (surefire runs in it; an IDE may run from the repository root). */
    private static Path webModule() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("src/main/resources/static"))) return p;
            if (Files.isDirectory(p.resolve("web/src/main/resources/static"))) return p.resolve("web");
        }
        throw new IllegalStateException("no web module above " + here);
    }

    /** Every module of the build: the folders beside web that have main sources. */
    private static List<Path> modules() {
        try (Stream<Path> dirs = Files.list(WEB.getParent())) {
            List<Path> modules = dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java"))).sorted().toList();
            assertThat(modules).extracting(p -> p.getFileName().toString())
                    .contains("scheduler", "signaling", "recording", "documents", "web");
            return modules;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
