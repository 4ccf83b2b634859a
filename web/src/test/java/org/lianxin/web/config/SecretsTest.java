package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    private static final Secrets.Base64Key KEY = new Secrets.Base64Key("lianxin.test.key", "LIANXIN_TEST_KEY",
            "test.key", 32, "never in the repository");

    @Test
    void anUnsetKeyIsGeneratedOnceIntoItsFileReadableByTheOwnerOnlyAndReadBackLater(@TempDir Path dir)
            throws Exception {
        Secrets secrets = new Secrets(dir, false);
        byte[] first = secrets.base64Key(KEY, null);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("test.key"))))
                .isEqualTo("rw-------");
        assertThat(new Secrets(dir, false).base64Key(KEY, " ")).isEqualTo(first);
    }

    @Test
    void aConfiguredKeyWinsAndIsCheckedWithoutWritingAnything(@TempDir Path dir) {
        Secrets secrets = new Secrets(dir, true);
        List<String> problems = new ArrayList<>();
        secrets.check(KEY, null, problems);
        assertThat(problems).singleElement().asString().startsWith("lianxin.test.key: required in the prod profile")
                .endsWith("(LIANXIN_TEST_KEY), never in the repository");
        assertThatThrownBy(() -> secrets.base64Key(KEY, "c2hvcnQ=")).isInstanceOf(BadConfiguration.class)
                .hasMessageContaining("lianxin.test.key: must decode to at least 32 bytes, has 5");
        assertThat(dir.resolve("test.key")).doesNotExist();
    }

    @Test
    void anUnsetPasswordIsGeneratedOnceFromUnambiguousCharactersAndAConfiguredOneWins(@TempDir Path dir) {
        Secrets secrets = new Secrets(dir, false);
        String generated = secrets.password("lianxin.demo.password", null, "demo-password");
        assertThat(generated).hasSize(14).doesNotContainPattern("[0O1lI]");
        assertThat(secrets.password("lianxin.demo.password", "", "demo-password")).isEqualTo(generated);
        assertThat(secrets.password("lianxin.demo.password", "mine", "demo-password")).isEqualTo("mine");
    }
}
