package org.lianxin.web.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The personal-data key ring ({@code lianxin.personal-data.*}): from a key file, else the configured key (and older
 * keys), else — never in prod — a key generated into the data folder like the identity key. The start-up check
 * ({@link ConfigurationCheck}) refuses a prod start without one. Only key ids are ever logged.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataConfiguration {
    private static final Logger log = LoggerFactory.getLogger(PersonalDataConfiguration.class);

    static final Secrets.Base64Key KEY = new Secrets.Base64Key("lianxin.personal-data.key",
            "LIANXIN_PERSONALDATA_KEY", "personal-data.key", PersonalDataCipher.KEY_BYTES,
            "or lianxin.personal-data.key-file; never in the repository, and kept with the backups' secrets: without "
                    + "it no stored full ID or phone number can be read");

    @Bean
    public static CheckedProperties<PersonalDataProperties> personalDataKeys() {
        return new CheckedProperties<>("lianxin.personal-data", PersonalDataProperties.class,
                PersonalDataConfiguration::check);
    }

    static void check(PersonalDataProperties props, Secrets secrets, List<String> problems) {
        if (props.keyFile() != null) {
            keysOfFile(props.keyFile(), problems);
            return;
        }
        int before = problems.size();
        secrets.check(KEY, props.key(), problems);
        if (problems.size() == before && props.key() != null && !props.key().isBlank()) {
            decode("lianxin.personal-data.key", props.key(), problems);
        }
        List<String> previous = props.previousKeys() == null ? List.of() : props.previousKeys();
        for (int i = 0; i < previous.size(); i++) {
            decode("lianxin.personal-data.previous-keys[" + i + "]", previous.get(i), problems);
        }
    }

    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataProperties props, LianxinProperties app, Environment env) {
        Secrets secrets = Secrets.of(app, env);
        personalDataKeys().requireValid(props, secrets);
        List<byte[]> ring = new ArrayList<>();
        String source;
        if (props.keyFile() != null) {
            ring.addAll(keysOfFile(props.keyFile(), new ArrayList<>()));
            source = props.keyFile().toString();
        } else {
            ring.add(secrets.base64Key(KEY, props.key()));
            for (String previous : props.previousKeys()) {
                ring.add(decode("lianxin.personal-data.previous-keys", previous, new ArrayList<>()));
            }
            source = "lianxin.personal-data.key";
        }
        PersonalDataCipher cipher = PersonalDataCipher.ofKeys(ring);
        log.info("personal data: full ID and phone numbers and webhook secrets encrypted under key {} ({} key(s) in "
                + "the ring, from {})", cipher.currentKeyId(), ring.size(), source);
        return cipher;
    }

    /** The keys of a key file, in order; what is wrong goes to {@code problems} (then the list is incomplete). */
    static List<byte[]> keysOfFile(Path file, List<String> problems) {
        String where = "lianxin.personal-data.key-file (" + file + ")";
        List<byte[]> keys = new ArrayList<>();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            problems.add(where + ": no such readable file");
            return keys;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)
                    || perms.contains(PosixFilePermission.GROUP_WRITE)) {
                problems.add(where + ": readable or writable by others; chmod 600 (or 640 for the service's group)");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            problems.add(where + ": cannot read its permissions: " + e.getMessage());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(where + ": cannot read: " + e.getMessage());
            return keys;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            byte[] key = decode(where + " line " + (i + 1), line, problems);
            if (key != null) keys.add(key);
        }
        if (keys.isEmpty() && problems.isEmpty()) {
            problems.add(where + ": holds no key (one base64 key of 32 bytes a line, e.g. `openssl rand -base64 32`)");
        }
        return keys;
    }

    private static byte[] decode(String where, String encoded, List<String> problems) {
        try {
            byte[] key = Base64.getDecoder().decode(encoded.trim());
            if (key.length != PersonalDataCipher.KEY_BYTES) {
                problems.add(where + ": must decode to " + PersonalDataCipher.KEY_BYTES + " bytes, has " + key.length);
                return null;
            }
            return key;
        } catch (IllegalArgumentException e) {
            problems.add(where + ": not valid base64");
            return null;
        }
    }
}
