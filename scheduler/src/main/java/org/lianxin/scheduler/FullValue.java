package org.lianxin.scheduler;

/**
 * A case file's full ID or phone number, shown on request.
 *
 * @param caseId the case file
 * @param field  which number
 * @param masked the masked form shown everywhere else ({@code null}: none given, e.g. no phone)
 * @param value  the full number, or {@code null} if it is not stored: a case file written before full numbers were
 *               stored encrypted (only the masked form and the hash exist), or a phone that was never given
 */
public record FullValue(long caseId, PersonalField field, String masked, String value) {
    public boolean stored() {
        return value != null;
    }

    @Override
    public String toString() { // never the number
        return "FullValue[case " + caseId + ", " + field.code() + ", " + (stored() ? "stored" : "not stored") + "]";
    }
}
