package org.lianxin.scheduler.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {
    private static final byte[] KEY_A = key(1);
    private static final byte[] KEY_B = key(2);
    private static final String ID = "11010519491231002X";

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private static PersonalDataCipher cases(byte[]... keys) {
        return PersonalDataCipher.ofKeys(List.of(keys)).forPurpose("case-personal-data");
    }

    @Test
    void aSealedValueOpensToTheSameTextAndShowsNothingOfIt() {
        PersonalDataCipher c = cases(KEY_A);
        String sealed = c.seal(ID, "idNumber");
        assertThat(sealed).startsWith("lxc1:" + c.currentKeyId() + ":").doesNotContain(ID).doesNotContain("1949");
        assertThat(PersonalDataCipher.isSealed(sealed)).isTrue();
        assertThat(PersonalDataCipher.keyIdOf(sealed)).isEqualTo(c.currentKeyId()).hasSize(8);
        assertThat(c.open(sealed, "idNumber")).isEqualTo(ID);
        assertThat(c.seal("电话 138", "phone")).satisfies(s -> assertThat(c.open(s, "phone")).isEqualTo("电话 138"));
    }

    @Test
    void eachSealingTakesAFreshNonce() {
        PersonalDataCipher c = cases(KEY_A);
        assertThat(c.seal(ID, "idNumber")).isNotEqualTo(c.seal(ID, "idNumber"));
    }

    @Test
    void nullStaysNull() {
        PersonalDataCipher c = cases(KEY_A);
        assertThat(c.seal(null, "phone")).isNull();
        assertThat(c.open(null, "phone")).isNull();
    }

    @Test
    void aTamperedValueIsRefused() {
        PersonalDataCipher c = cases(KEY_A);
        String sealed = c.seal(ID, "idNumber");
        int cut = sealed.lastIndexOf(':') + 1;
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(cut));
        for (int i : new int[] {0, 12, raw.length - 1}) { // nonce, ciphertext, tag
            byte[] bad = raw.clone();
            bad[i] ^= 1;
            String tampered = sealed.substring(0, cut) + Base64.getUrlEncoder().withoutPadding().encodeToString(bad);
            assertThatThrownBy(() -> c.open(tampered, "idNumber")).isInstanceOf(PersonalDataCipher.Unreadable.class)
                    .hasMessageContaining("fails authentication").hasMessageNotContaining(ID);
        }
        assertThatThrownBy(() -> c.open(sealed.substring(0, cut) + "AAAA", "idNumber"))
                .isInstanceOf(PersonalDataCipher.Unreadable.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> c.open(sealed.substring(0, cut) + "*!", "idNumber"))
                .isInstanceOf(PersonalDataCipher.Unreadable.class);
        assertThatThrownBy(() -> c.open(ID, "idNumber")).isInstanceOf(PersonalDataCipher.Unreadable.class)
                .hasMessage("not a sealed value");
    }

    @Test
    void aValueDoesNotOpenInAnotherFieldOrPurpose() {
        PersonalDataCipher c = cases(KEY_A);
        String sealed = c.seal(ID, "idNumber");
        assertThatThrownBy(() -> c.open(sealed, "phone")).isInstanceOf(PersonalDataCipher.Unreadable.class);
        PersonalDataCipher webhooks = PersonalDataCipher.ofKeys(List.of(KEY_A)).forPurpose("webhook-secret");
        assertThatThrownBy(() -> webhooks.open(sealed, "idNumber")).isInstanceOf(PersonalDataCipher.Unreadable.class);
    }

    @Test
    void aValueOfAKeyNotInTheRingIsRefusedNamingTheKeyId() {
        String sealed = cases(KEY_A).seal(ID, "idNumber");
        PersonalDataCipher other = cases(KEY_B);
        assertThatThrownBy(() -> other.open(sealed, "idNumber")).isInstanceOf(PersonalDataCipher.Unreadable.class)
                .hasMessageContaining(PersonalDataCipher.keyIdOf(sealed)).hasMessageContaining("not in the key ring");
        // a forged key id does not help either
        String forged = sealed.replace(PersonalDataCipher.keyIdOf(sealed), other.currentKeyId());
        assertThatThrownBy(() -> other.open(forged, "idNumber")).isInstanceOf(PersonalDataCipher.Unreadable.class)
                .hasMessageContaining("fails authentication");
    }

    @Test
    void afterRotationTheNewKeySealsAndTheOldStillOpens() {
        PersonalDataCipher before = cases(KEY_A);
        String old = before.seal(ID, "idNumber");
        PersonalDataCipher after = cases(KEY_B, KEY_A);
        assertThat(after.open(old, "idNumber")).isEqualTo(ID);
        assertThat(after.needsResealing(old)).isTrue();
        String fresh = after.seal(ID, "idNumber");
        assertThat(PersonalDataCipher.keyIdOf(fresh)).isEqualTo(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
        assertThat(after.needsResealing(fresh)).isFalse();
        assertThatThrownBy(() -> before.open(fresh, "idNumber")).isInstanceOf(PersonalDataCipher.Unreadable.class);
    }

    @Test
    void badRingsAndAMissingPurposeAreRefused() {
        assertThatThrownBy(() -> PersonalDataCipher.ofKeys(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonalDataCipher.ofKeys(List.of(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PersonalDataCipher.ofKeys(List.of(KEY_A, KEY_A.clone())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> PersonalDataCipher.ofKeys(List.of(KEY_A)).seal(ID, "idNumber"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("purpose");
    }

    @Test
    void purposesDeriveDifferentKeysAndNothingPrintsAKey() {
        PersonalDataCipher ring = PersonalDataCipher.ofKeys(List.of(KEY_A));
        assertThat(PersonalDataCipher.derivedKey(KEY_A, "a")).isNotEqualTo(PersonalDataCipher.derivedKey(KEY_A, "b"))
                .hasSize(32);
        assertThat(ring.forPurpose("webhook-secret").toString()).contains(ring.currentKeyId())
                .doesNotContain(Base64.getEncoder().encodeToString(KEY_A));
    }
}
