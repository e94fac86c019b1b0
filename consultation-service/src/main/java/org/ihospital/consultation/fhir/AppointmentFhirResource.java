package org.ihospital.consultation.fhir;

import java.util.UUID;

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
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.fhir.PatientSearch;
import org.ihospital.commons.fhir.SearchBundle;
import org.ihospital.commons.security.Callers;
import org.ihospital.commons.web.OpenApiConventions;
import org.ihospital.consultation.appointment.AppointmentService;

import io.smallrye.mutiny.Uni;

/** Visits as FHIR R4 Appointments, with the rights of the native endpoints (the visit's patient and doctor). */
@Path(Fhir.PATH + "/Appointment")
@Produces({ Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON })
@Tag(name = "FHIR R4")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller's roles may not read this type")
public class AppointmentFhirResource {

    private final AppointmentService appointments;
    private final Callers callers;

    public AppointmentFhirResource(AppointmentService appointments, Callers callers) {
        this.appointments = appointments;
        this.callers = callers;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "A visit as a FHIR R4 Appointment: the rights of GET /appointments/{id}")
    @APIResponse(responseCode = "200", description = "The Appointment", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_RESOURCE)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such visit, or not the caller's")
    public Uni<org.hl7.fhir.r4.model.Appointment> read(@PathParam("id") UUID id) {
        return appointments.get(callers.current(), id).map(AppointmentMapping::of);
    }

    @GET
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "A patient's visits (the patient's own; a doctor's with them), the newest 100")
    @APIResponse(responseCode = "200", description = "A searchset Bundle of Appointments", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_BUNDLE)))
    @APIResponse(responseCode = "400", description = "No patient parameter, or not a patient id (Patient/<id> or <id>)")
    @APIResponse(responseCode = "404", description = "No such patient, or not the caller's")
    public Uni<Bundle> search(@QueryParam("patient") String patient, @Context UriInfo request) {
        return appointments.ofPatient(callers.current(), PatientSearch.patient(patient), PatientSearch.LIMIT)
                .map(found -> SearchBundle.of(request, found.stream().map(AppointmentMapping::of).toList(),
                        found.size() < PatientSearch.LIMIT));
    }
}
