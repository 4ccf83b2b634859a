package org.lianxin.web.config;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys under {@code lianxin.personal-data}: the key ring that encrypts case files' full ID and phone numbers and the
 * webhook signing secrets at rest (AES-256-GCM; each use under its own HKDF-derived key).
 *
 * @param keyFile      a file of base64 keys of 32 bytes, one a line ({@code #} comments allowed): the first encrypts,
 *                     every one decrypts — rotate by putting a new key on top and keeping the old ones below; readable
 *                     by the owner (and group) only, never by others (0600 or 0640). Wins over {@code key}.
 * @param key          the current key, base64 of 32 bytes (environment {@code LIANXIN_PERSONALDATA_KEY}); unset with
 *                     no {@code key-file}: generated on first start into {@code ${lianxin.data-dir}/personal-data.key}
 *                     (refused in the prod profile)
 * @param previousKeys older keys that still decrypt (base64 of 32 bytes each), after a rotation of {@code key}
 */
@ConfigurationProperties("lianxin.personal-data")
public record PersonalDataProperties(Path keyFile, String key, @DefaultValue List<String> previousKeys) {
    public PersonalDataProperties {
        previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    }

    @Override
    public String toString() { // never a key
        return "PersonalDataProperties[keyFile=" + keyFile + ", key=" + (key == null || key.isBlank() ? "unset" : "***")
                + ", previousKeys=" + previousKeys.size() + "]";
    }
}
