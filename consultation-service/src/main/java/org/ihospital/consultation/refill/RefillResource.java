package org.ihospital.consultation.refill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/patients/{patientId}/refills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Refills")
public class RefillResource {

    /** A followed supply: when it runs out, when the patient is (or was) reminded, the slot suggested, the renewal. */
    public record RefillView(UUID prescriptionId, UUID doctorId, Instant dispensedAt, LocalDate runsOutOn, LocalDate remindOn,
            Refill.Status status, Instant remindedAt, UUID suggestedSlotId, Instant suggestedSlotAt, UUID renewedBy) {
        static RefillView of(Refill r) {
            return new RefillView(r.prescriptionId(), r.doctorId(), r.dispensedAt(), r.runsOutOn(), r.remindOn(), r.status(),
                    r.remindedAt(), r.suggestedSlotId(), r.suggestedSlotAt(), r.renewedBy());
        }
    }

    private final RefillService refills;
    private final Callers callers;

    public RefillResource(RefillService refills, Callers callers) {
        this.refills = refills;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "The patient's dispensed chronic prescriptions and when each runs out, soonest first",
            description = "Courses of at least 14 days are followed (medicines taken as needed do not count); the patient is reminded 7 "
                    + "days before, with the prescribing doctor's earliest free slot; a renewal ends it (status RENEWED).")
    @APIResponse(responseCode = "200", description = "The refills")
    @APIResponse(responseCode = "404", description = "No such patient, or not one the caller may read")
    public Uni<List<RefillView>> list(@PathParam("patientId") UUID patientId) {
        return refills.ofPatient(callers.current(), patientId).map(found -> found.stream().map(RefillView::of).toList());
    }
}
