package org.ihospital.consultation.reading;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * What else happens when readings are stored, in the same transaction (care plans raise their alerts): the
 * reading package owns this interface and a neighbour implements it, so readings never depend on who listens.
 */
public interface ReadingsRecorded {

    /** The readings just stored for the patient (not those a device had sent before). */
    Uni<Void> recorded(UUID patient, List<Reading> stored);
}
