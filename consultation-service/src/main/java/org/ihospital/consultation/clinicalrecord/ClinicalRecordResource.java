package org.ihospital.consultation.clinicalrecord;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/patients/{patientId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Clinical record")
public class ClinicalRecordResource {

    public record NewCondition(@NotBlank @Size(max = 16) String icd10, @NotNull LocalDate diagnosedOn,
            @NotBlank @Size(max = 200) String source, @Size(max = 2000) String note) {
    }

    public record NewAllergy(@NotBlank @Size(max = 100) String substance, @Size(max = 500) String reaction,
            @NotNull @Pattern(regexp = "MILD|MODERATE|SEVERE", message = "must be MILD, MODERATE or SEVERE") String severity) {
    }

    public record NewMedication(@NotBlank @Size(max = 200) String name, @Size(max = 64) String drugCode, @Size(max = 200) String dosage,
            LocalDate since) {
    }

    public record ConditionView(UUID id, String icd10, LocalDate diagnosedOn, String source, String note) {
        static ConditionView of(Condition c) {
            return new ConditionView(c.id(), c.icd10(), c.diagnosedOn(), c.source(), c.note());
        }
    }

    public record AllergyView(UUID id, String substance, String reaction, String severity) {
        static AllergyView of(Allergy a) {
            return new AllergyView(a.id(), a.substance(), a.reaction(), a.severity().name());
        }
    }

    public record MedicationView(UUID id, String name, String drugCode, String dosage, LocalDate since) {
        static MedicationView of(Medication m) {
            return new MedicationView(m.id(), m.name(), m.drugCode(), m.dosage(), m.since());
        }
    }

    public record RecordView(List<ConditionView> conditions, List<AllergyView> allergies, List<MedicationView> medications) {
        static RecordView of(ClinicalRecordService.ClinicalRecord r) {
            return new RecordView(r.conditions().stream().map(ConditionView::of).toList(),
                    r.allergies().stream().map(AllergyView::of).toList(), r.medications().stream().map(MedicationView::of).toList());
        }
    }

    private final ClinicalRecordService record;
    private final Callers callers;

    public ClinicalRecordResource(ClinicalRecordService record, Callers callers) {
        this.record = record;
        this.callers = callers;
    }

    @GET
    @Path("/record")
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "Conditions, active allergies and current medication")
    @APIResponse(responseCode = "200", description = "The record", content = @Content(schema = @Schema(implementation = RecordView.class)))
    @APIResponse(responseCode = "404", description = "No such patient, or not the caller's")
    public Uni<RecordView> read(@PathParam("patientId") UUID patient) {
        return record.read(callers.current(), patient).map(RecordView::of);
    }

    @POST
    @Path("/conditions")
    @RolesAllowed({ "doctor", "operator" })
    @Operation(summary = "Record a diagnosis made offline (where and when): what makes a later online visit a follow-up")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = ConditionView.class)))
    @APIResponse(responseCode = "422", description = "Not an ICD-10 code of the list (problem: /problems/unknown-icd10-code)")
    public Uni<RestResponse<ConditionView>> condition(@PathParam("patientId") UUID patient, @Valid @NotNull NewCondition body) {
        return record.addCondition(callers.current(), patient, new ClinicalRecordService.NewCondition(body.icd10().strip(),
                body.diagnosedOn(), body.source(), body.note())).map(c -> created(patient, ConditionView.of(c)));
    }

    @POST
    @Path("/allergies")
    @RolesAllowed({ "doctor", "operator" })
    @Operation(summary = "Record an allergy (substance, reaction, severity)")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = AllergyView.class)))
    public Uni<RestResponse<AllergyView>> allergy(@PathParam("patientId") UUID patient, @Valid @NotNull NewAllergy body) {
        return record.addAllergy(callers.current(), patient, body.substance().strip(), body.reaction(),
                Allergy.Severity.valueOf(body.severity())).map(a -> created(patient, AllergyView.of(a)));
    }

    @POST
    @Path("/allergies/{id}/resolve")
    @RolesAllowed({ "doctor", "operator" })
    @Operation(summary = "Mark an allergy as no longer active")
    @APIResponse(responseCode = "204", description = "No longer active")
    public Uni<Void> resolveAllergy(@PathParam("patientId") UUID patient, @PathParam("id") UUID id) {
        return record.resolveAllergy(callers.current(), patient, id);
    }

    @POST
    @Path("/medications")
    @RolesAllowed({ "doctor", "operator" })
    @Operation(summary = "Record a medication the patient takes (from elsewhere, too)")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = MedicationView.class)))
    public Uni<RestResponse<MedicationView>> medication(@PathParam("patientId") UUID patient, @Valid @NotNull NewMedication body) {
        return record.addMedication(callers.current(), patient, new ClinicalRecordService.NewMedication(body.name().strip(),
                body.drugCode(), body.dosage(), body.since())).map(m -> created(patient, MedicationView.of(m)));
    }

    @POST
    @Path("/medications/{id}/stop")
    @RolesAllowed({ "doctor", "operator" })
    @Operation(summary = "Record that the patient stopped a medication")
    @APIResponse(responseCode = "204", description = "No longer taken")
    public Uni<Void> stopMedication(@PathParam("patientId") UUID patient, @PathParam("id") UUID id) {
        return record.stopMedication(callers.current(), patient, id);
    }

    private static <T> RestResponse<T> created(UUID patient, T entity) {
        return RestResponse.ResponseBuilder.<T> created(URI.create("/api/v1/patients/" + patient + "/record")).entity(entity).build();
    }
}
