package org.ihospital.commons.fhir;

import java.util.UUID;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.web.RequestIds;

/**
 * The {@code patient} parameter of a search, as FHIR allows it: the id alone or a reference
 * ({@code Patient/<id>}). A search without it is refused (400): the views answer per patient, never with
 * everything a caller may see at once.
 */
public final class PatientSearch {

    /** How many matches a search answers at most, the newest (no paging yet: ADR 0025). */
    public static final int LIMIT = 100;
    private static final String PREFIX = "Patient/";

    private PatientSearch() {
    }

    /**
     * @throws InvalidField (400) when the parameter is missing or names no patient id
     */
    public static UUID patient(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            throw new InvalidField("patient", "a search needs patient=<id> (or Patient/<id>)");
        }
        String id = parameter.startsWith(PREFIX) ? parameter.substring(PREFIX.length()) : parameter;
        if (!RequestIds.UUID_FORM.matcher(id).matches()) {
            throw new InvalidField("patient", "must be a patient id (a UUID) or Patient/<id>");
        }
        return UUID.fromString(id);
    }
}
