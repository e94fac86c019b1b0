package org.ihospital.consultation.audit;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed("auditor")
    @Operation(summary = "Staff reads of one patient's record, oldest first; pass nextAfter as 'after' for the next page")
    public Uni<AuditService.Page> ofPatient(@QueryParam("patientId") @NotNull UUID patientId,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return audit.ofPatient(patientId, after, limit);
    }

    @GET
    @Path("/verification")
    @RolesAllowed("auditor")
    @Operation(summary = "Walk the whole chain: is every entry intact and in place?")
    public Uni<ChainCheck> verify() {
        return audit.verify();
    }
}
