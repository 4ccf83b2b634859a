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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages' messages as the browser gets them: the modules {@code static/i18n/<area>.js}, each
 * {@code export default {"zh": {…}, "en": {…}};} with strict JSON after {@code export default} (an optional block
 * comment before it), and the pages' module graphs: which entry module each HTML page loads, what it imports, and
 * which message areas end up in it. An area too long for one file ({@code errors}) is a folder of such modules,
 * {@code static/i18n/<area>/*.js}, whose keys the module {@code <area>.js} merges: it must import every part, and no key
 * may stand in two parts.
 */
final class MessageFiles {
    static final List<String> LANGUAGES = List.of("zh", "en");

    private static final Pattern MODULE = Pattern.compile(
            "\\A\\s*(?:/\\*.*?\\*/\\s*)?export\\s+default\\s+(\\{.*})\\s*;\\s*\\z", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("<script\\s+type=\"module\"\\s+src=\"([^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:[^'\"]*?\\s+from\\s+)?['\"]([^'\"]+)['\"]");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Path staticRoot;
    /** area → language → key → message */
    private final Map<String, Map<String, Map<String, String>>> areas = new TreeMap<>();

    MessageFiles(Path staticRoot) {
        this.staticRoot = staticRoot;
        Path dir = staticRoot.resolve("i18n");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js")).sorted().toList()) {
                String area = f.getFileName().toString().replaceFirst("\\.js$", "");
                Path parts = dir.resolve(area);
                areas.put(area, Files.isDirectory(parts) ? merged(f, parts)
                        : parse(f.getFileName().toString(), Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one message module; fails naming the file when it is not in the strict form. */
    static Map<String, Map<String, String>> parse(String name, String text) {
        Matcher m = MODULE.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException(name + ": expected an optional /* comment */ then "
                    + "`export default {\"zh\": {…}, \"en\": {…}};`");
        }
        JsonNode root;
        try {
            root = JSON.readTree(m.group(1));
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + ": not strict JSON after `export default` (" + e.getMessage() + ")", e);
        }
        if (!root.isObject() || !new LinkedHashSet<>(root.propertyNames()).equals(new LinkedHashSet<>(LANGUAGES))) {
            throw new IllegalStateException(name + ": the object must have exactly the languages " + LANGUAGES
                    + ", has " + (root.isObject() ? root.propertyNames() : root.getNodeType()));
        }
        Map<String, Map<String, String>> byLanguage = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            Map<String, String> messages = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.get(language).properties()) {
                if (!e.getValue().isString()) {
                    throw new IllegalStateException(name + ": " + language + " " + e.getKey() + " is not a string");
                }
                messages.put(e.getKey(), e.getValue().stringValue());
            }
            byLanguage.put(language, messages);
        }
        return byLanguage;
    }

    /** The parts of an area under {@code parts}, merged as {@code module} merges them (which must import each). */
    private Map<String, Map<String, String>> merged(Path module, Path parts) throws IOException {
        Set<Path> imported = new LinkedHashSet<>();
        Matcher imports = IMPORT.matcher(Files.readString(module));
        while (imports.find()) imported.add(resolve(module, imports.group(1)));
        Map<String, Map<String, String>> byLanguage = new LinkedHashMap<>();
        LANGUAGES.forEach(language -> byLanguage.put(language, new LinkedHashMap<>()));
        try (Stream<Path> files = Files.list(parts)) {
            for (Path part : files.filter(p -> p.toString().endsWith(".js")).sorted().toList()) {
                String name = staticRoot.relativize(part).toString();
                if (!imported.contains(part.normalize())) {
                    throw new IllegalStateException(staticRoot.relativize(module) + " does not import " + name);
                }
                parse(name, Files.readString(part)).forEach((language, messages) -> messages.forEach((key, text) -> {
                    if (byLanguage.get(language).put(key, text) != null) {
                        throw new IllegalStateException(name + ": " + language + " " + key + " is in another part too");
                    }
                }));
            }
        }
        return byLanguage;
    }

    Set<String> areas() {
        return areas.keySet();
    }

    /** The messages of an area in a language (empty if the area does not exist). */
    Map<String, String> messages(String area, String language) {
        return areas.getOrDefault(area, Map.of()).getOrDefault(language, Map.of());
    }

    /** Whether the area has a non-blank message for the key in the language. */
    boolean has(String area, String language, String key) {
        String text = messages(area, language).get(key);
        return text != null && !text.isBlank();
    }

    // ---------------------------------------------------------------- pages

    /** A page: its HTML file and every module it loads (the entry module and all it imports, transitively). */
    record Page(Path html, List<Path> modules) {
        /** The message areas the page loads (its modules under /i18n/). */
        Set<String> areas(Path staticRoot) {
            Set<String> out = new LinkedHashSet<>();
            Path i18n = staticRoot.resolve("i18n");
            for (Path m : modules) {
                if (m.getParent().equals(i18n)) out.add(m.getFileName().toString().replaceFirst("\\.js$", ""));
            }
            return out;
        }
    }

    /** Every HTML page under the static folder with the modules it loads. */
    List<Page> pages() {
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(staticRoot)) {
            for (Path html : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                Set<Path> modules = new LinkedHashSet<>();
                Matcher entry = ENTRY.matcher(Files.readString(html));
                while (entry.find()) collect(resolve(html, entry.group(1)), modules);
                pages.add(new Page(html, List.copyOf(modules)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    private void collect(Path module, Set<Path> seen) throws IOException {
        if (!seen.add(module)) return;
        if (!Files.isRegularFile(module)) throw new IllegalStateException("no module " + staticRoot.relativize(module));
        Matcher imports = IMPORT.matcher(Files.readString(module));
        while (imports.find()) collect(resolve(module, imports.group(1)), seen);
    }

    /** A module specifier as the browser resolves it: absolute from the site's root, or relative to the importer. */
    private Path resolve(Path from, String specifier) {
        Path target = specifier.startsWith("/") ? staticRoot.resolve(specifier.substring(1))
                : from.getParent().resolve(specifier);
        return target.normalize();
    }

    Path staticRoot() {
        return staticRoot;
    }
}
