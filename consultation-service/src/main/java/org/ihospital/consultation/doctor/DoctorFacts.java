package org.ihospital.consultation.doctor;

import java.util.UUID;

/** What another package may know of a doctor: the account, the licence a prescription carries, whether practising. */
public record DoctorFacts(UUID id, String userId, String licenceNumber, boolean active) {

    /** Is this the doctor's own account? */
    public boolean isAccountOf(String subject) {
        return userId.equals(subject);
    }
}
