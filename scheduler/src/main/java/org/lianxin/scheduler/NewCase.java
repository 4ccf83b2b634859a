package org.lianxin.scheduler;

/**
 * A case file to create or import, as it comes from the petition information system. {@code idNumber} is the
 * 18-character resident ID; it is hashed and masked on the way in and then forgotten.
 *
 * @param officeCode the office of jurisdiction, by its code
 */
public record NewCase(String caseNumber, String petitionerName, String idNumber, String phone, String subject,
                      String category, String officeCode) {
    @Override
    public String toString() { // never print personal data
        return "NewCase[" + caseNumber + "]";
    }
}
