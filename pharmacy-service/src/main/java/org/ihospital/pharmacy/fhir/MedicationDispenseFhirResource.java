package org.ihospital.pharmacy.fhir;


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
import org.hl7.fhir.r4.model.MedicationDispense;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.fhir.LineId;
import org.ihospital.commons.fhir.PatientSearch;
import org.ihospital.commons.fhir.SearchBundle;
import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Callers;
import org.ihospital.commons.web.OpenApiConventions;
import org.ihospital.pharmacy.order.OrderService;

import io.smallrye.mutiny.Uni;

/** Orders' lines as FHIR R4 MedicationDispenses, with the rights of the native endpoints (the patient, operators). */
@Path(Fhir.PATH + "/MedicationDispense")
@Produces({ Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON })
@Tag(name = "FHIR R4")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller's roles may not read this type")
public class MedicationDispenseFhirResource {

    private final OrderService orders;
    private final Callers callers;

    public MedicationDispenseFhirResource(OrderService orders, Callers callers) {
        this.orders = orders;
        this.callers = callers;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "operator" })
    @Operation(summary = "A line of an order as a FHIR R4 MedicationDispense (id <order id>-<line>): the rights of GET /orders/{id}")
    @APIResponse(responseCode = "200", description = "The MedicationDispense", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_RESOURCE)))
    @APIResponse(responseCode = "400", description = "The id is not <order id>-<line>")
    @APIResponse(responseCode = "404", description = "No such order or line, or not the caller's")
    public Uni<MedicationDispense> read(@PathParam("id") String id) {
        LineId line = LineId.parse(id).orElseThrow(() -> new InvalidField("id", "must be <order id>-<line>"));
        return orders.get(callers.current(), line.parent()).map(order -> order.items().stream().filter(i -> i.line() == line.line())
                .findFirst().map(i -> MedicationDispenseMapping.of(order, i))
                .orElseThrow(() -> new ResourceNotFound("medication dispense", id)));
    }

    @GET
    @RolesAllowed({ "patient", "operator" })
    @Operation(summary = "A patient's orders' lines, of the newest 100 orders: any patient's for operators, a patient's own for a patient")
    @APIResponse(responseCode = "200", description = "A searchset Bundle of MedicationDispenses", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_BUNDLE)))
    @APIResponse(responseCode = "400", description = "No patient parameter, or not a patient id (Patient/<id> or <id>)")
    public Uni<Bundle> search(@QueryParam("patient") String patient, @Context UriInfo request) {
        return orders.ofPatient(callers.current(), PatientSearch.patient(patient), PatientSearch.LIMIT)
                .map(found -> SearchBundle.of(request, found.stream().flatMap(o -> MedicationDispenseMapping.of(o).stream()).toList(),
                        found.size() < PatientSearch.LIMIT));
    }
}
