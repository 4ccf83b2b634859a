package org.lianxin.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every state of every page is held to, in real Chromium (issue 9): no message key or raw code shown, no
 * text of the other language, no serious or critical accessibility violation (axe-core), and — on the kiosk —
 * every primary action and message inside the viewport without scrolling.
 *
 * <p>Text of the other language is allowed where the page says so: inside an element whose {@code lang} is that
 * language (the language switch), inside {@code translate="no"} (data: names, case subjects, file names, codes)
 * or {@code <code>}, and for the proper names and codes given to {@link #allowing}. Usage:
 *
 * <pre>{@code
 * PageAudit audit = PageAudit.of(browser.driver(), "en").allowing(demoNames);
 * assertThat(audit.findings("kiosk: identity step")).isEmpty();
 * assertThat(PageAudit.outsideViewport(driver, By.id("next"), By.id("error"))).isEmpty();
 * }</pre>
 */
public final class PageAudit {
    /** Codes that are the same in every language. */
    static final Set<String> CODES = Set.of("ID", "OK", "MP4", "MKV", "SHA", "SHA-256", "HTTP", "HTTPS", "URL",
            "PDF", "CSV", "S3", "AAC", "H264", "H.264", "WebRTC", "QR", "API", "UTC", "GMT");

    private static final Pattern KEY = Pattern.compile("\\b[a-z][a-zA-Z0-9-]*(?:\\.[a-zA-Z0-9_-]+)+\\b");
    private static final Pattern ENUM = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9.-]*[A-Za-z0-9]|[A-Za-z]{2,}");
    private static final Pattern CAPS_WORD = Pattern.compile("\\b[A-Z]{4,}\\b");
    /** CJK ideographs and the full-width forms and punctuation Chinese text uses. */
    private static final Pattern CJK = Pattern.compile("[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef]+");
    private static final Set<String> FILE_ENDINGS = Set.of("mkv", "mp4", "json", "js", "html", "css", "png", "jpg",
            "webm", "txt", "pdf", "csv", "sha256", "part");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every visible text of the page with the language it is marked in, and whether it is marked as data. */
    private static final String TEXTS = """
            const out = [];
            const pageLang = (document.documentElement.lang || '').slice(0, 2);
            const visible = el => el && el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : true;
            const langOf = el => { const l = el.closest('[lang]'); return l ? l.lang.slice(0, 2) : pageLang; };
            const data = el => !!el.closest('[translate="no"], code, kbd, samp');
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el = n.parentElement;
              const text = n.nodeValue.trim();
              if (!text || !el || ['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName) || !visible(el)) continue;
              out.push({text, lang: langOf(el), data: data(el)});
            }
            for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt], input[type=button], input[type=submit]')) {
              if (!visible(el)) continue;
              for (const a of ['placeholder', 'aria-label', 'title', 'alt']) {
                const v = el.getAttribute(a);
                if (v && v.trim()) out.push({text: v.trim(), lang: langOf(el), data: data(el)});
              }
              if (el.tagName === 'INPUT' && (el.type === 'button' || el.type === 'submit') && el.value) {
                out.push({text: el.value, lang: langOf(el), data: data(el)});
              }
            }
            if (document.title) out.push({text: document.title, lang: pageLang, data: false});
            return JSON.stringify({pageLang, texts: out});
            """;

    private static final String RUN_AXE = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']})
              .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))))
              .catch(e => done(JSON.stringify({error: String(e)})));
            """;

    private static String axeSource;

    private final WebDriver driver;
    private final String language;
    private final Set<String> allowed = new LinkedHashSet<>(CODES);
    private final Set<String> keys;
    private final Set<String> keyPrefixes;

    private PageAudit(WebDriver driver, String language, Set<String> keys) {
        this.driver = driver;
        this.language = language;
        this.keys = keys;
        Set<String> prefixes = new TreeSet<>();
        for (String k : keys) prefixes.add(k.substring(0, k.indexOf('.') + 1));
        prefixes.remove("");
        this.keyPrefixes = prefixes;
    }

    /** An audit of the page the driver shows, which must be in {@code language} ("zh" or "en"). */
    public static PageAudit of(WebDriver driver, String language) {
        return new PageAudit(driver, language, allKeys(new MessageFiles(staticRoot())));
    }

    /** Proper names and codes that may appear in either language (offices, officials, terminals, petitioners). */
    public PageAudit allowing(Collection<String> namesAndCodes) {
        for (String s : namesAndCodes) {
            if (s != null && !s.isBlank()) allowed.add(s.trim());
        }
        return this;
    }

    public PageAudit allowing(String... namesAndCodes) {
        return allowing(List.of(namesAndCodes));
    }

    /**
     * Everything wrong with the page as it is now, each finding prefixed with {@code state} (which page, which
     * step): the page's language, raw keys and codes, the other language, and axe-core's serious and critical
     * violations.
     */
    public List<String> findings(String state) {
        List<String> found = new ArrayList<>();
        JsonNode page = JSON.readTree((String) js().executeScript(TEXTS));
        String pageLang = page.get("pageLang").stringValue();
        if (!language.equals(pageLang)) found.add("<html lang> is '" + pageLang + "', expected '" + language + "'");
        List<Text> texts = new ArrayList<>();
        for (JsonNode t : page.get("texts")) {
            texts.add(new Text(t.get("text").stringValue(), t.get("lang").stringValue(), t.get("data").booleanValue()));
        }
        found.addAll(rawKeys(texts, keys, keyPrefixes));
        found.addAll(otherLanguage(texts, language, allowed));
        found.addAll(accessibility());
        return found.stream().map(f -> state + " [" + language + "]: " + f).toList();
    }

    /** axe-core's serious and critical violations of the page as it is now: "rule-id (impact): help — nodes". */
    public List<String> accessibility() {
        if (!Boolean.TRUE.equals(js().executeScript("return typeof window.axe === 'object';"))) {
            js().executeScript(axeSource());
        }
        JsonNode result = JSON.readTree((String) js().executeAsyncScript(RUN_AXE));
        if (result.isObject() && result.has("error")) {
            throw new IllegalStateException("axe-core failed: " + result.get("error").stringValue());
        }
        List<String> found = new ArrayList<>();
        for (JsonNode v : result) {
            String impact = v.path("impact").stringValue("");
            if (!impact.equals("serious") && !impact.equals("critical")) continue;
            List<String> nodes = new ArrayList<>();
            v.get("nodes").forEach(n -> nodes.add(n.stringValue()));
            found.add("axe " + v.get("id").stringValue() + " (" + impact + "): " + v.get("help").stringValue()
                    + " — " + nodes);
        }
        return found;
    }

    /**
     * The elements that are not wholly inside the viewport with the page scrolled to the top (as a person sees it
     * on arrival, without scrolling), or not shown at all: one finding per element.
     */
    public static List<String> outsideViewport(WebDriver driver, By... elements) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        List<String> found = new ArrayList<>();
        for (By by : elements) {
            List<WebElement> matches = driver.findElements(by).stream().filter(WebElement::isDisplayed).toList();
            if (matches.isEmpty()) {
                found.add(by + " is not shown");
                continue;
            }
            for (WebElement e : matches) {
                @SuppressWarnings("unchecked")
                Map<String, Number> r = (Map<String, Number>) js.executeScript("""
                        const r = arguments[0].getBoundingClientRect();
                        return {top: r.top + window.scrollY, left: r.left + window.scrollX,
                                bottom: r.bottom + window.scrollY, right: r.right + window.scrollX,
                                width: window.innerWidth, height: window.innerHeight};""", e);
                double top = r.get("top").doubleValue();
                double left = r.get("left").doubleValue();
                double bottom = r.get("bottom").doubleValue();
                double right = r.get("right").doubleValue();
                if (top < 0 || left < 0 || bottom > r.get("height").doubleValue() + 0.5
                        || right > r.get("width").doubleValue() + 0.5) {
                    found.add(by + " at " + Math.round(left) + "," + Math.round(top) + "–" + Math.round(right) + ","
                            + Math.round(bottom) + " is outside the " + r.get("width") + "×" + r.get("height")
                            + " viewport");
                }
            }
        }
        return found;
    }

    // ------------------------------------------------------------------------------------ the pure checks

    /** One visible text of a page: the language it is marked in, and whether it is data (translate="no"). */
    record Text(String text, String lang, boolean data) {}

    /** Message keys (a known key, or a key of a known area like {@code review.action.VERIFY}) and enum names. */
    static List<String> rawKeys(List<Text> texts, Set<String> keys, Set<String> keyPrefixes) {
        Set<String> found = new LinkedHashSet<>();
        for (Text t : texts) {
            Matcher m = KEY.matcher(t.text());
            while (m.find()) {
                String token = m.group();
                String ending = token.substring(token.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                if (FILE_ENDINGS.contains(ending)) continue;
                if (keys.contains(token) || keyPrefixes.stream().anyMatch(token::startsWith)) {
                    found.add("message key shown raw: '" + token + "' in \"" + t.text() + "\"");
                }
            }
            if (t.data()) continue;
            Matcher e = ENUM.matcher(t.text());
            while (e.find()) found.add("code shown raw: '" + e.group() + "' in \"" + t.text() + "\"");
        }
        return List.copyOf(found);
    }

    /**
     * Text of the other language: on a Chinese page, Latin words; on an English page, Chinese characters and
     * full-width punctuation, and words in capitals (raw names like HOST). Text marked as data or as the other
     * language, codes and the allowed names are skipped.
     */
    static List<String> otherLanguage(List<Text> texts, String language, Set<String> allowed) {
        Set<String> found = new LinkedHashSet<>();
        for (Text t : texts) {
            if (t.data() || !t.lang().equals(language)) continue;
            String text = t.text();
            for (String name : allowed.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
                text = text.replace(name, " ");
            }
            if (language.equals("zh")) {
                Matcher m = LATIN_WORD.matcher(text);
                while (m.find()) {
                    String word = m.group();
                    if (word.chars().filter(Character::isLetter).count() < 2) continue;
                    found.add("English in a Chinese page: '" + word + "' in \"" + t.text() + "\"");
                }
            } else {
                Matcher m = CJK.matcher(text);
                while (m.find()) found.add("Chinese in an English page: '" + m.group() + "' in \"" + t.text() + "\"");
                Matcher caps = CAPS_WORD.matcher(text);
                while (caps.find()) found.add("raw capitals in an English page: '" + caps.group() + "' in \""
                        + t.text() + "\"");
            }
        }
        return List.copyOf(found);
    }

    // ------------------------------------------------------------------------------------ plumbing

    private JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    private static Set<String> allKeys(MessageFiles messages) {
        Set<String> keys = new TreeSet<>();
        for (String area : messages.areas()) {
            for (String lang : MessageFiles.LANGUAGES) keys.addAll(messages.messages(area, lang).keySet());
        }
        return keys;
    }

    private static Path staticRoot() {
        return Path.of("src/main/resources/static");
    }

    private static synchronized String axeSource() {
        if (axeSource == null) {
            try (InputStream in = PageAudit.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) throw new IllegalStateException("axe.min.js (com.deque.html.axe-core:selenium) missing");
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }
}
