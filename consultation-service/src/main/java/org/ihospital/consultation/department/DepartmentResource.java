package org.ihospital.consultation.department;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/departments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Departments")
public class DepartmentResource {

    /** What a patient's app shows to choose a department. */
    public record DepartmentView(String code, String nameZh, String nameEn, String description, boolean chronicCare) {
        static DepartmentView of(Department d) {
            return new DepartmentView(d.code(), d.nameZh(), d.nameEn(), d.description(), d.chronicCare());
        }
    }

    private final DepartmentService departments;

    public DepartmentResource(DepartmentService departments) {
        this.departments = departments;
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "The hospital's active clinical departments, in display order")
    @APIResponse(responseCode = "200", description = "The departments")
    @APIResponse(responseCode = "401", description = "No or invalid token (problem: /problems/unauthorized)")
    public Uni<List<DepartmentView>> list() {
        return departments.active().map(list -> list.stream().map(DepartmentView::of).toList());
    }
}
