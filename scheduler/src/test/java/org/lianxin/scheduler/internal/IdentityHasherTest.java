package org.lianxin.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.testing.IdNumbers;

class IdentityHasherTest {
    private final IdentityHasher hasher = new IdentityHasher("0123456789abcdef".getBytes());

    @Test
    void acceptsTheStandardExampleAndALowerCaseX() {
        // GB 11643 worked example: 11010519491231002X
        assertThat(IdentityHasher.normalize("11010519491231002x")).isEqualTo("11010519491231002X");
    }

    @Test
    void refusesWrongCheckDigitsLengthsAndLetters() {
        String valid = IdNumbers.valid("510104", 5);
        String wrong = valid.substring(0, 17) + (valid.charAt(17) == '1' ? '2' : '1');
        for (String bad : new String[] {wrong, "12345", valid + "1", "51010419900101ABCD", "", null}) {
            assertThatThrownBy(() -> IdentityHasher.normalize(bad)).isInstanceOf(RuleViolation.class)
                    .extracting(e -> ((RuleViolation) e).rule()).isEqualTo("id-number-invalid");
        }
    }

    @Test
    void masksKeepOnlyTheEndsOfIdAndPhoneNumbers() {
        assertThat(IdentityHasher.mask("11010519491231002X")).isEqualTo("1101**********002X");
        assertThat(IdentityHasher.maskPhone("138 1234 5678")).isEqualTo("138****5678");
        assertThat(IdentityHasher.maskPhone(null)).isNull();
        assertThatThrownBy(() -> IdentityHasher.maskPhone("call me")).isInstanceOf(RuleViolation.class);
    }

    @Test
    void aHashMatchesOnlyTheSameNumberUnderTheSameSaltAndKey() {
        byte[] salt = Tokens.salt();
        String id = IdNumbers.valid("510104", 9);
        String hash = hasher.hash(salt, id);
        String saltHex = java.util.HexFormat.of().formatHex(salt);
        assertThat(hasher.matches(saltHex, hash, id)).isTrue();
        assertThat(hasher.matches(saltHex, hash, IdNumbers.valid("510104", 10))).isFalse();
        assertThat(hasher.matches(saltHex, hash, "garbage")).isFalse();
        assertThat(new IdentityHasher("another-key-0123456".getBytes()).matches(saltHex, hash, id)).isFalse();
        assertThat(hasher.hash(Tokens.salt(), id)).isNotEqualTo(hash);
    }
}
