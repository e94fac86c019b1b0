package org.ihospital.consultation.party;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.doctor.DoctorQueries;
import org.ihospital.consultation.patient.PatientQueries;

import io.smallrye.mutiny.Uni;

/**
 * Resolves a caller to their records, for the role that asks: the patient record of a patient (created
 * from the token on first use), the doctor record of a doctor. Runs in the caller's session.
 */
@ApplicationScoped
public class PartyService {

    private final PatientQueries patients;
    private final DoctorQueries doctors;

    public PartyService(PatientQueries patients, DoctorQueries doctors) {
        this.patients = patients;
        this.doctors = doctors;
    }

    /**
     * What the caller sees of a patient's visits, consultations and prescriptions: the patient all of them,
     * a doctor those they took part in ({@code doctor}); for anyone else the patient does not exist (404).
     */
    public record PatientShare(Party party, UUID doctor) {
        /** Every doctor's, when the caller is the patient themself. */
        public boolean all() {
            return doctor == null;
        }
    }

    /** @throws ResourceNotFound (in the Uni) when the caller is neither the patient nor a doctor */
    public Uni<PatientShare> shareOf(Caller caller, UUID patient) {
        return of(caller).map(party -> {
            if (party.isPatient(patient)) {
                return new PatientShare(party, null);
            }
            if (!Party.NOBODY.equals(party.doctorId())) {
                return new PatientShare(party, party.doctorId());
            }
            throw new ResourceNotFound("patient", patient);
        });
    }

    /** Both of the caller's records, {@link Party#NOBODY} where the caller lacks the role or the record. */
    public Uni<Party> of(Caller caller) {
        return patientOrNobody(caller).chain(patient -> doctorOrNobody(caller).map(doctor -> new Party(patient, doctor)));
    }

    /** The caller's patient record, created from the token on first use; NOBODY without the patient role. */
    public Uni<UUID> patientOrNobody(Caller caller) {
        return caller.isPatient() ? patients.idOf(caller) : Uni.createFrom().item(Party.NOBODY);
    }

    /** The caller's doctor record; NOBODY without the doctor role or when no operator registered them. */
    public Uni<UUID> doctorOrNobody(Caller caller) {
        return caller.isDoctor() ? doctors.idOfAccount(caller.subject()).map(id -> id.orElse(Party.NOBODY))
                : Uni.createFrom().item(Party.NOBODY);
    }
}
