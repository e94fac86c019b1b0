package org.ihospital.commons.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * The FHIR R4 views' constants and their one {@link FhirContext}: building a context scans every model
 * class (seconds, megabytes), so the JVM keeps one, HAPI's cached R4 context, and each answer takes a
 * cheap parser from it (parsers are not thread-safe, the context is).
 */
public final class Fhir {

    /** FHIR's JSON media type (R4 §3.1.0.1.7). */
    public static final String MEDIA_TYPE = "application/fhir+json";
    /** Where every service serves its views, under the one API. */
    public static final String PATH = "/api/v1/fhir/r4";
    /** The build property a service that serves FHIR sets true: without it (the gateway, which has no HAPI) commons' FHIR beans do not exist. */
    public static final String ENABLED = "hospital.fhir.enabled";

    /** Code systems the views use, as FHIR names them. */
    public static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    /** An identifier whose value is a URI (urn:uuid:…), for ids that are UUIDs. */
    /** The hospital's drug dictionary (contracts/reference/drugs.csv) as a code system. */
    public static final String DRUG_DICTIONARY = "urn:ihospital:drug-dictionary";
    /** WHO's Anatomical Therapeutic Chemical classification. */
    public static final String ATC = "http://www.whocc.no/atc";
    public static final String URI_IDENTIFIERS = "urn:ietf:rfc:3986";

    private Fhir() {
    }

    public static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    /** A new JSON parser of the one context, for one document. */
    public static IParser json() {
        return context().newJsonParser();
    }

    /** {@code Patient/<id>}, {@code Practitioner/<id>}: a reference by type and id. */
    public static String reference(String type, Object id) {
        return type + "/" + id;
    }
}
