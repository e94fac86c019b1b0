package org.ihospital.consultation.fhir;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.consultation.consult.Consultation;

/**
 * An online consultation as a FHIR R4 Encounter of class virtual (v3 ActCode VR): the patient, the doctor,
 * the visit it belongs to, when it was open, and the ICD-10 codes diagnosed as its reasons.
 */
final class EncounterMapping {

    static final Coding VIRTUAL = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual");

    private EncounterMapping() {
    }

    static Encounter of(Consultation c) {
        Encounter fhir = new Encounter();
        fhir.setId(c.id().toString());
        fhir.setStatus(c.status() == Consultation.Status.COMPLETED ? EncounterStatus.FINISHED : EncounterStatus.INPROGRESS);
        fhir.setClass_(VIRTUAL.copy());
        fhir.setSubject(Codes.patient(c.patientId()));
        fhir.addParticipant().setIndividual(Codes.practitioner(c.doctorId()));
        fhir.addAppointment(new Reference(Fhir.reference("Appointment", c.appointmentId())));
        fhir.setPeriod(new Period().setStart(Codes.date(c.openedAt())).setEnd(Codes.date(c.completedAt())));
        c.codes().forEach(code -> fhir.addReasonCode(Codes.icd10(code)));
        return fhir;
    }
}
