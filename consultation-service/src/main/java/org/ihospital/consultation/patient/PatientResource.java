package org.ihospital.consultation.patient;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/patients/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public class PatientResource {

    /**
     * The caller's own profile: name and phone as they gave them (the app shows them back and fills
     * delivery forms with them); the ID-card number masked, since no screen needs it in full once verified.
     */
    public record PatientView(UUID id, String name, String phone,
            @Schema(description = "Masked: the first 3 and last 4 characters shown") String idCard, String region,
            @Schema(description = "Name and a valid ID-card number given: what booking requires") boolean realNameVerified) {
        static PatientView of(Patient p) {
            return new PatientView(p.id(), p.name(), p.phone(), p.maskedIdCard(), p.region(), p.realNameVerified());
        }
    }

    public record ContactDetailsRequest(
            @NotBlank @Size(max = 100) String name,
            @Pattern(regexp = "1[3-9][0-9]{9}", message = "must be a mainland mobile number (11 digits)") String phone,
            @Pattern(regexp = "[0-9]{17}[0-9Xx]", message = "must be an 18-character resident ID-card number") String idCard,
            @Pattern(regexp = "[1-8][0-9]{5}", message = "must be a 6-digit administrative division code") String region) {
    }

    private final PatientService patients;
    private final Callers callers;

    public PatientResource(PatientService patients, Callers callers) {
        this.patients = patients;
        this.callers = callers;
    }

    @GET
    @RolesAllowed("patient")
    @Operation(summary = "The caller's own profile (created on first use)")
    @APIResponse(responseCode = "200", description = "The profile; the ID-card number masked")
    public Uni<PatientView> me() {
        return patients.me(callers.current()).map(PatientView::of);
    }

    @PUT
    @RolesAllowed("patient")
    @Operation(summary = "Set the caller's name, phone, ID-card number and region")
    @APIResponse(responseCode = "200", description = "The profile; the ID-card number masked")
    @APIResponse(responseCode = "400", description = "Invalid field, e.g. an ID-card number with a wrong check character")
    public Uni<PatientView> update(@Valid @NotNull ContactDetailsRequest body) {
        return patients.update(callers.current(), new ContactDetails(body.name(), body.phone(), body.idCard(), body.region()))
                .map(PatientView::of);
    }
}
