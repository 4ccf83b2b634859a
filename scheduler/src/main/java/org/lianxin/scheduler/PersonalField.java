package org.lianxin.scheduler;

import java.util.Arrays;
import java.util.Optional;

/** A case file's personal data that is stored masked for display and encrypted in full. */
public enum PersonalField {
    ID_NUMBER("idNumber"),
    PHONE("phone");

    private final String code;

    PersonalField(String code) {
        this.code = code;
    }

    /** Its name in the API and the audit trail: {@code idNumber}, {@code phone}. */
    public String code() {
        return code;
    }

    public static Optional<PersonalField> ofCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
