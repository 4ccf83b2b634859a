package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.springframework.mock.env.MockEnvironment;

class PersonalDataConfigurationTest {
    private final PersonalDataConfiguration config = new PersonalDataConfiguration();

    private static LianxinProperties app(Path dir) {
        return new LianxinProperties(dir, new LianxinProperties.Demo(null));
    }

    private static String key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    private static MockEnvironment prod() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("prod");
        return env;
    }

    @Test
    void theStartUpCheckTakesNoKeysAtAllAndInProdAsksForOne(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment().withProperty("lianxin.data-dir", dir.toString());
        assertThat(ConfigurationCheck.problems(env, List.of(PersonalDataConfiguration.personalDataKeys()))).isEmpty();
        MockEnvironment prodEnv = prod().withProperty("lianxin.data-dir", dir.toString());
        assertThat(ConfigurationCheck.problems(prodEnv, List.of(PersonalDataConfiguration.personalDataKeys())))
                .singleElement().asString().startsWith("lianxin.personal-data.key: required in the prod profile");
        prodEnv.setProperty("lianxin.personal-data.key", key(3));
        prodEnv.setProperty("lianxin.personal-data.previous-keys", key(4) + "," + key(5));
        assertThat(ConfigurationCheck.problems(prodEnv, List.of(PersonalDataConfiguration.personalDataKeys()))).isEmpty();
    }

    @Test
    void withoutAKeyOneIsGeneratedOnceIntoTheDataDirReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        PersonalDataProperties props = new PersonalDataProperties(null, null, null);
        PersonalDataCipher first = config.personalDataCipher(props, app(dir), new MockEnvironment());
        PersonalDataCipher second = config.personalDataCipher(props, app(dir), new MockEnvironment());
        Path file = dir.resolve("personal-data.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.currentKeyId()).isEqualTo(second.currentKeyId());
        String sealed = first.forPurpose("p").seal("11010519491231002X", "f");
        assertThat(second.forPurpose("p").open(sealed, "f")).isEqualTo("11010519491231002X");
    }

    @Test
    void theProdProfileRefusesToStartWithoutAKey(@TempDir Path dir) {
        assertThatThrownBy(() -> config.personalDataCipher(new PersonalDataProperties(null, null, null), app(dir), prod()))
                .hasMessageContaining("lianxin.personal-data.key: required in the prod profile")
                .hasMessageContaining("LIANXIN_PERSONALDATA_KEY");
        assertThat(dir.resolve("personal-data.key")).doesNotExist();
        assertThat(config.personalDataCipher(new PersonalDataProperties(null, key(1), null), app(dir), prod())
                .currentKeyId()).hasSize(8);
    }

    @Test
    void aKeyOfAnotherLengthOrNotBase64IsRefusedAndEveryProblemListed(@TempDir Path dir) {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> config.personalDataCipher(new PersonalDataProperties(null, shortKey,
                List.of("not base64!")), app(dir), new MockEnvironment()))
                .hasMessageContaining("lianxin.personal-data.key: must decode to at least 32 bytes, has 16")
                .hasMessageContaining("lianxin.personal-data.previous-keys[0]: not valid base64");
        String longKey = Base64.getEncoder().encodeToString(new byte[48]);
        assertThatThrownBy(() -> config.personalDataCipher(new PersonalDataProperties(null, longKey, null), app(dir),
                new MockEnvironment())).hasMessageContaining("must decode to 32 bytes, has 48");
    }

    @Test
    void aRotatedKeyEncryptsAndThePreviousOneStillDecrypts(@TempDir Path dir) {
        PersonalDataCipher old = config.personalDataCipher(new PersonalDataProperties(null, key(1), null), app(dir),
                prod());
        String sealed = old.forPurpose("p").seal("13812345678", "phone");
        PersonalDataCipher rotated = config.personalDataCipher(new PersonalDataProperties(null, key(2),
                List.of(key(1))), app(dir), prod());
        assertThat(rotated.currentKeyId()).isNotEqualTo(old.currentKeyId());
        assertThat(rotated.forPurpose("p").open(sealed, "phone")).isEqualTo("13812345678");
    }

    @Test
    void aKeyFileHoldsTheRingAndMustNotBeReadableByOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pd.key");
        Files.writeString(file, "# the current key first\n" + key(2) + "\n\n" + key(1) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        PersonalDataCipher ring = config.personalDataCipher(new PersonalDataProperties(file, null, null), app(dir),
                prod());
        PersonalDataCipher fromKeys = config.personalDataCipher(new PersonalDataProperties(null, key(2),
                List.of(key(1))), app(dir), prod());
        assertThat(ring.currentKeyId()).isEqualTo(fromKeys.currentKeyId());
        assertThat(ring.toString()).doesNotContain(key(2)).doesNotContain(key(1));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> config.personalDataCipher(new PersonalDataProperties(file, null, null), app(dir),
                prod())).hasMessageContaining("readable or writable by others");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(file, "# nothing\n");
        assertThatThrownBy(() -> config.personalDataCipher(new PersonalDataProperties(file, null, null), app(dir),
                prod())).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> config.personalDataCipher(new PersonalDataProperties(dir.resolve("missing"), null,
                null), app(dir), prod())).hasMessageContaining("no such readable file");
    }
}
