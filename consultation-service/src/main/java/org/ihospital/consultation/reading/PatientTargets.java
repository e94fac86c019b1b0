package org.ihospital.consultation.reading;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The targets a patient's readings are held against (their care plans'), owned here and implemented by care plans. */
public interface PatientTargets {

    /** The patient's targets: their care plans' where they have one, the guideline's otherwise. */
    Uni<ReadingTrend.Targets> of(UUID patient);
}
