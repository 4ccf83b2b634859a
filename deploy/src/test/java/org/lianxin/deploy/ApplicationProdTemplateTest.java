package org.lianxin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/app/application-prod.yml, the operator's file: it names every lianxin.* key the application's own
 * application.yml sets (so a new key is not forgotten here), every secret only as a ${ENV} reference that the
 * example environment file lists, and PostgreSQL, S3, TURN and SMTP as production needs them.
 */
class ApplicationProdTemplateTest {

    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)}$");
    private static final Pattern ANY_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    @Test
    void everyLianxinKeyOfTheApplicationIsInTheTemplate() throws IOException {
        Map<String, Object> defaults = flat(new Yaml().load(Files.readString(
                DeployFolder.root().resolve("../web/src/main/resources/application.yml"))));
        Map<String, Object> prod = template();
        TreeSet<String> missing = new TreeSet<>();
        for (String key : defaults.keySet()) {
            if (key.startsWith("lianxin.") && !prod.containsKey(key)) {
                missing.add(key);
            }
        }
        assertThat(missing).as("keys of application.yml the operator's template does not name").isEmpty();
    }

    @Test
    void secretsAreOnlyEnvironmentReferencesThatTheExampleEnvironmentFileLists() {
        Map<String, Object> prod = template();
        String env = DeployFolder.read("app/lianxin.env.example");
        TreeSet<String> secretKeys = new TreeSet<>();
        prod.forEach((key, value) -> {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            if (leaf.contains("secret") || leaf.contains("password") || leaf.endsWith("-key")
                    || leaf.equals("access-key") || leaf.equals("key")) {
                secretKeys.add(key);
                Matcher m = REFERENCE.matcher(String.valueOf(value));
                assertThat(m.matches()).as(key + " must be a ${ENV} reference, is: " + value).isTrue();
                assertThat(env).as("lianxin.env.example lists " + m.group(1)).contains(m.group(1) + "=");
            }
        });
        assertThat(secretKeys).contains("lianxin.scheduler.identity-key", "lianxin.personal-data.key",
                "lianxin.signaling.token-secret",
                "lianxin.signaling.janus-admin-key", "lianxin.signaling.janus-admin-secret", "lianxin.turn.secret",
                "lianxin.recording.storage.s3.access-key", "lianxin.recording.storage.s3.secret-key",
                "lianxin.notification.mail.password", "spring.datasource.password", "spring.flyway.password");
        DeployFolder.read("app/application-prod.yml").lines().filter(l -> !l.strip().startsWith("#")).forEach(l -> {
            Matcher all = ANY_REFERENCE.matcher(l);
            while (all.find()) {
                assertThat(env).as("lianxin.env.example lists " + all.group(1)).contains(all.group(1) + "=");
            }
        });
        assertThat(env.lines().filter(l -> !l.startsWith("#") && l.contains("="))
                .filter(l -> !l.startsWith("JAVA_OPTS="))).allSatisfy(l -> assertThat(l).endsWith("=<from the secret store>"));
    }

    @Test
    void productionRunsOnPostgresS3TurnAndMailBehindTheProxy() {
        Map<String, Object> prod = template();
        assertThat(String.valueOf(prod.get("spring.datasource.url")))
                .startsWith("jdbc:postgresql://").contains("targetServerType=primary");
        assertThat(prod).containsEntry("lianxin.recording.storage.type", "s3")
                .containsEntry("lianxin.notification.channel", "mail")
                .containsEntry("lianxin.data-dir", "/var/lib/lianxin")
                .containsEntry("server.forward-headers-strategy", "framework")
                .containsEntry("server.shutdown", "graceful")
                .containsEntry("management.endpoint.health.probes.enabled", true);
        assertThat(String.valueOf(prod.get("lianxin.turn.urls"))).contains("turns:").contains(":443?transport=tcp");
    }

    private static Map<String, Object> template() {
        return flat(new Yaml().load(DeployFolder.read("app/application-prod.yml")));
    }

    /** Nested maps as dotted keys to their leaf values. */
    static Map<String, Object> flat(Map<String, Object> yaml) {
        Map<String, Object> out = new TreeMap<>();
        flatten("", yaml, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map) {
                flatten(key, (Map<String, Object>) v, out);
            } else {
                out.put(key, v);
            }
        });
    }
}
