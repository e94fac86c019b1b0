package org.ihospital.consultation.patient;

import org.ihospital.commons.problem.InvalidField;

/**
 * What a patient tells the hospital about themselves. The ID-card number is a mainland resident ID
 * (GB 11643): 17 digits and a check character computed from them.
 */
public record ContactDetails(String name, String phone, String idCard, String region) {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final String CHECK = "10X98765432";

    public ContactDetails {
        if (idCard != null) {
            idCard = idCard.toUpperCase();
            if (!validIdCard(idCard)) {
                throw new InvalidField("idCard", "not a valid resident ID-card number");
            }
        }
    }

    static boolean validIdCard(String id) {
        if (!id.matches("\\d{17}[0-9X]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11) == id.charAt(17);
    }
}
