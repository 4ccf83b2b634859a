package org.lianxin.scheduler.internal;

import org.lianxin.scheduler.PersonalField;
import org.lianxin.scheduler.crypto.PersonalDataCipher;

/** Case files' full numbers sealed under the personal-data key's case purpose, each bound to its field. */
final class SealedPersonalData {
    static final String PURPOSE = "case-personal-data";

    private final PersonalDataCipher cipher;

    SealedPersonalData(PersonalDataCipher ring) {
        this.cipher = ring.forPurpose(PURPOSE);
    }

    String seal(PersonalField field, String plain) {
        return cipher.seal(plain, field.code());
    }

    String open(PersonalField field, String sealed) {
        return cipher.open(sealed, field.code());
    }
}
