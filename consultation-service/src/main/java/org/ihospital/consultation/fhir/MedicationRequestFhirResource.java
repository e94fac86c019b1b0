package org.ihospital.consultation.fhir;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.fhir.LineId;
import org.ihospital.commons.fhir.PatientSearch;
import org.ihospital.commons.fhir.SearchBundle;
import org.ihospital.commons.security.Callers;
import org.ihospital.commons.web.OpenApiConventions;
import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.consultation.prescription.PrescriptionService;

import io.smallrye.mutiny.Uni;

/**
 * Prescriptions as FHIR R4 MedicationRequests, one per item ({@code <prescription id>-<line>}), with the rights
 * of the native endpoints: the patient, the prescribing doctor, and pharmacists and auditors for one prescription.
 */
@Path(Fhir.PATH + "/MedicationRequest")
@Produces({ Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON })
@Tag(name = "FHIR R4")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller's roles may not read this type")
public class MedicationRequestFhirResource {

    private final PrescriptionService prescriptions;
    private final Callers callers;

    public MedicationRequestFhirResource(PrescriptionService prescriptions, Callers callers) {
        this.prescriptions = prescriptions;
        this.callers = callers;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "doctor", "pharmacist", "auditor" })
    @Operation(summary = "An item of a prescription as a FHIR R4 MedicationRequest: the rights of GET /prescriptions/{id}")
    @APIResponse(responseCode = "200", description = "The MedicationRequest", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_RESOURCE)))
    @APIResponse(responseCode = "400", description = "The id is not <prescription id>-<line>")
    @APIResponse(responseCode = "404", description = "No such prescription or line, or not the caller's")
    public Uni<MedicationRequest> read(@PathParam("id") String id) {
        LineId item = LineId.parse(id)
                .orElseThrow(() -> new InvalidField("id", "must be <prescription id>-<line>"));
        return prescriptions.get(callers.current(), item.parent()).map(p -> p.items().stream()
                .filter(i -> i.line() == item.line()).findFirst().map(i -> MedicationRequestMapping.of(p, i))
                .orElseThrow(() -> new ResourceNotFound("medication request", id)));
    }

    @GET
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "A patient's prescriptions' items (the patient's own; those a doctor wrote for them), of the newest 100 prescriptions")
    @APIResponse(responseCode = "200", description = "A searchset Bundle of MedicationRequests", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_BUNDLE)))
    @APIResponse(responseCode = "400", description = "No patient parameter, or not a patient id (Patient/<id> or <id>)")
    @APIResponse(responseCode = "404", description = "No such patient, or not the caller's")
    public Uni<Bundle> search(@QueryParam("patient") String patient, @Context UriInfo request) {
        return prescriptions.ofPatient(callers.current(), PatientSearch.patient(patient), PatientSearch.LIMIT)
                .map(found -> SearchBundle.of(request, found.stream().flatMap(p -> MedicationRequestMapping.of(p).stream()).toList(),
                        found.size() < PatientSearch.LIMIT));
    }
}
