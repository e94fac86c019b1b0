package org.ihospital.consultation.party;

import java.util.UUID;

/**
 * Who a caller is in the clinic, role by role: their patient record (if they hold the patient role)
 * and their doctor record (if they hold the doctor role). A right granted by a role is checked
 * against that role's record only: a doctor who is also a patient sees their own record as a patient,
 * and their patients' records as a doctor, never one through the other.
 */
public record Party(UUID patientId, UUID doctorId) {

    /** No record: matches nothing. */
    public static final UUID NOBODY = new UUID(0, 0);

    public static final Party NONE = new Party(NOBODY, NOBODY);

    public boolean isPatient(UUID patient) {
        return !NOBODY.equals(patientId) && patientId.equals(patient);
    }

    public boolean isDoctor(UUID doctor) {
        return !NOBODY.equals(doctorId) && doctorId.equals(doctor);
    }

    /** The patient or the doctor of something that has both (an appointment, a consultation, a prescription). */
    public boolean takesPartIn(UUID patient, UUID doctor) {
        return isPatient(patient) || isDoctor(doctor);
    }
}
