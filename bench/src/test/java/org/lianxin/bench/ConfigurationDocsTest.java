package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.capture.CaptureSettings;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The README's configuration table, {@code web/src/main/resources/application.yml} and the
 * {@code @ConfigurationProperties} records the application binds say the same: every {@code lianxin.*} key a record
 * reads is in the table, a key with a {@code @DefaultValue} has that default in the table and in application.yml,
 * application.yml has no key the application does not read, and the recorder's own default port range is the
 * application's.
 */
class ConfigurationDocsTest {

    /** A key the application reads, and its {@code @DefaultValue} (null: none, e.g. computed or unset). */
    record Key(String name, String defaultValue, String declaredIn) {
    }

    static Path root;
    static Map<String, Key> keys;
    static Map<String, String> readme;
    static Properties yaml;

    @BeforeAll
    static void read() throws IOException {
        root = Repository.root();
        keys = applicationKeys();
        readme = readmeTable(Files.readString(root.resolve("README.md")));
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(new FileSystemResource(root.resolve("web/src/main/resources/application.yml")));
        yaml = factory.getObject();
    }

    @Test
    void theScanFindsTheApplicationsPropertiesRecords() {
        assertThat(keys).containsKeys("lianxin.data-dir", "lianxin.scheduler.horizon", "lianxin.signaling.janus-url",
                "lianxin.signaling.janus-request-timeout", "lianxin.recording.rtp-port-min",
                "lianxin.recording.storage.s3.bucket");
        assertThat(keys.get("lianxin.signaling.janus-request-timeout").defaultValue()).isEqualTo("10s");
    }

    @Test
    void everyKeyTheApplicationReadsIsInTheReadmeTableWithItsDefault() {
        List<String> problems = new ArrayList<>();
        for (Key k : keys.values()) {
            String documented = readme.get(k.name());
            if (documented == null) {
                problems.add(k.name() + " (" + k.declaredIn() + ") is not in README.md's configuration table");
            } else if (k.defaultValue() != null && !documented.contains("`" + k.defaultValue() + "`")) {
                problems.add(k.name() + ": README.md says the default is \"" + documented + "\", the application's is `"
                        + k.defaultValue() + "` (" + k.declaredIn() + ")");
            }
        }
        assertThat(problems).as("README.md vs the @ConfigurationProperties records").isEmpty();
    }

    @Test
    void theReadmeTableNamesNoLianxinKeyTheApplicationDoesNotRead() {
        List<String> unknown = readme.keySet().stream().filter(k -> k.startsWith("lianxin."))
                .filter(k -> !keys.containsKey(k)).toList();
        assertThat(unknown).as("keys in README.md that no @ConfigurationProperties record reads").isEmpty();
    }

    @Test
    void applicationYmlGivesEveryDefaultAsTheRecordsDoAndNoUnknownKey() {
        List<String> problems = new ArrayList<>();
        for (String name : yaml.stringPropertyNames()) {
            if (name.startsWith("lianxin.") && !keys.containsKey(name)) {
                problems.add("application.yml sets " + name + ", which the application does not read");
            }
        }
        for (Key k : keys.values()) {
            if (k.defaultValue() == null) {
                continue;
            }
            String inYaml = yaml.getProperty(k.name());
            if (inYaml == null) {
                problems.add("application.yml lacks " + k.name() + ": " + k.defaultValue());
            } else if (!inYaml.equals(k.defaultValue())) {
                problems.add("application.yml: " + k.name() + ": " + inYaml + ", the default is " + k.defaultValue()
                        + " (" + k.declaredIn() + ")");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theRecordersDefaultPortRangeIsTheApplications() {
        CaptureSettings defaults = CaptureSettings.defaults();
        assertThat(keys.get("lianxin.recording.rtp-port-min").defaultValue())
                .isEqualTo(Integer.toString(defaults.portMin()));
        assertThat(keys.get("lianxin.recording.rtp-port-max").defaultValue())
                .isEqualTo(Integer.toString(defaults.portMax()));
        assertThat(yaml.getProperty("lianxin.recording.rtp-port-min")).isEqualTo(Integer.toString(defaults.portMin()));
        assertThat(yaml.getProperty("lianxin.recording.rtp-port-max")).isEqualTo(Integer.toString(defaults.portMax()));
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Every leaf key of every {@code @ConfigurationProperties} record under org.lianxin, by name. */
    static Map<String, Key> applicationKeys() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<String, Key> keys = new TreeMap<>();
        for (BeanDefinition d : scan.findCandidateComponents("org.lianxin")) {
            Class<?> type;
            try {
                type = Class.forName(d.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            ConfigurationProperties cp = type.getAnnotation(ConfigurationProperties.class);
            String prefix = cp.prefix().isEmpty() ? cp.value() : cp.prefix();
            collect(type, prefix, type.getSimpleName(), keys);
        }
        return keys;
    }

    private static void collect(Class<?> type, String prefix, String declaredIn, Map<String, Key> into) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type + " is not a record: teach ConfigurationDocsTest to read it");
        }
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String name = prefix + "." + kebab(c.getName());
            if (c.getType().isRecord() && c.getType().getName().startsWith("org.lianxin.")) {
                collect(c.getType(), name, declaredIn, into);
                continue;
            }
            DefaultValue dv = canonical.getParameters()[i].getAnnotation(DefaultValue.class);
            String value = dv == null || dv.value().length == 0 ? null : String.join(",", dv.value());
            into.put(name, new Key(name, value, declaredIn));
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /**
     * The rows of README.md's configuration table: key → its "default" cell. A row may name several keys
     * ({@code `a.b.c` / `d`}: d is a sibling of c) with one default each ({@code `1` / `2`}) or one for all.
     */
    static Map<String, String> readmeTable(String markdown) {
        int start = markdown.indexOf("## Configuration");
        assertThat(start).as("README.md has a Configuration section").isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : markdown.substring(start).lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            List<String> names = new ArrayList<>();
            Matcher m = CODE.matcher(cells[1]);
            while (m.find()) {
                String n = m.group(1);
                names.add(names.isEmpty() ? n : names.get(0).substring(0, names.get(0).lastIndexOf('.') + 1) + n);
            }
            String defaults = cells[2].trim();
            String[] each = defaults.split(" / ");
            for (int i = 0; i < names.size(); i++) {
                rows.put(names.get(i), each.length == names.size() ? each[i].trim() : defaults);
            }
        }
        assertThat(rows).as("rows of README.md's configuration table").isNotEmpty();
        return rows;
    }
}
