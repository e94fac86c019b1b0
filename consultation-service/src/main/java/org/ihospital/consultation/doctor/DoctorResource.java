package org.ihospital.consultation.doctor;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/doctors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Doctors")
public class DoctorResource {

    public record DoctorView(UUID id, String name, String title, String licenceNumber, Set<String> departments, String bio) {
        static DoctorView of(Doctor d) {
            return new DoctorView(d.id(), d.name(), d.title(), d.licenceNumber(), d.departments(), d.bio());
        }
    }

    public record NewDoctor(
            @NotBlank @Size(max = 64) String userId,
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Pattern(regexp = "[0-9A-Za-z]{8,32}", message = "must be 8 to 32 letters or digits") String licenceNumber,
            @NotBlank @Size(max = 50) String title,
            @Size(max = 2000) String bio,
            @NotEmpty @Size(max = 5) Set<@NotBlank String> departments) {
    }

    private final DoctorService doctors;
    private final Callers callers;

    public DoctorResource(DoctorService doctors, Callers callers) {
        this.doctors = doctors;
        this.callers = callers;
    }

    @GET
    @Path("/me")
    @RolesAllowed("doctor")
    @Operation(summary = "The caller's own doctor record: the id a clinician app plans hours and lists slots with")
    @APIResponse(responseCode = "200", description = "The doctor")
    @APIResponse(responseCode = "404", description = "This account is not registered as a doctor yet (an operator registers it)")
    public Uni<DoctorView> me() {
        return doctors.ofAccount(callers.current()).map(DoctorView::of);
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "Active doctors, optionally of one department")
    @APIResponse(responseCode = "200", description = "The doctors, by name")
    public Uni<List<DoctorView>> list(@QueryParam("department") String department) {
        return doctors.list(department).map(list -> list.stream().map(DoctorView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    @Operation(summary = "One doctor: name, title, licence, departments")
    @APIResponse(responseCode = "200", description = "The doctor")
    @APIResponse(responseCode = "404", description = "No such doctor (problem: /problems/not-found)")
    public Uni<DoctorView> get(@PathParam("id") UUID id) {
        return doctors.get(id).map(DoctorView::of);
    }

    @POST
    @RolesAllowed("operator")
    @Operation(summary = "Register a doctor's account, licence and departments")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = DoctorView.class)))
    @APIResponse(responseCode = "409", description = "Account or licence already registered (problem: /problems/doctor-already-registered)")
    @APIResponse(responseCode = "422", description = "Unknown department (problem: /problems/unknown-department)")
    public Uni<RestResponse<DoctorView>> register(@Valid @NotNull NewDoctor body) {
        return doctors.register(new DoctorService.Registration(body.userId(), body.name(), body.licenceNumber(), body.title(),
                body.bio(), body.departments()))
                .map(d -> RestResponse.ResponseBuilder.<DoctorView> created(URI.create("/api/v1/doctors/" + d.id())).entity(DoctorView.of(d)).build());
    }
}
