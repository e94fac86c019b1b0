package org.ihospital.consultation.reference;

import java.util.List;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.contracts.ReferenceData;

/**
 * The hospital's reference lists as clinician apps look them up while they write: ICD-10 diagnoses and
 * the drug dictionary (contracts/reference), searched by code, by title or name in English or Chinese,
 * and drugs by ATC class. The lists are shared reference data, readable by anyone signed in.
 */
@Path("/api/v1/reference")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data")
public class ReferenceResource {

    static final int MAX_QUERY = 100;

    public record Icd10Page(List<ReferenceData.Icd10> items,
            @Schema(description = "Pass as cursor for the next page; null on the last") String nextCursor) {
    }

    public record DrugPage(List<ReferenceData.Drug> items,
            @Schema(description = "Pass as cursor for the next page; null on the last") String nextCursor) {
    }

    @GET
    @Path("/icd10")
    @RolesAllowed("**")
    @Operation(summary = "Search the ICD-10 diagnoses a record may carry",
            description = "By code prefix (I1), or by words of the English or Chinese title (hypertension, 高血压); in code order.")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    public Icd10Page icd10(@QueryParam("q") @Size(max = MAX_QUERY) String query,
            @QueryParam("cursor") @Size(max = 32) String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        var found = ReferenceData.searchIcd10(query, cursor, limit + 1);
        return new Icd10Page(found.stream().limit(limit).toList(), next(found, limit, ReferenceData.Icd10::code));
    }

    @GET
    @Path("/drugs")
    @RolesAllowed("**")
    @Operation(summary = "Search the drug dictionary prescriptions refer to",
            description = "By code prefix, by generic name in English or Chinese (metformin, 二甲双胍), and by ATC class prefix (C09CA); in code order.")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    public DrugPage drugs(@QueryParam("q") @Size(max = MAX_QUERY) String query,
            @QueryParam("atc") @Size(max = 7) String atc,
            @QueryParam("cursor") @Size(max = 64) String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        var found = ReferenceData.searchDrugs(query, atc, cursor, limit + 1);
        return new DrugPage(found.stream().limit(limit).toList(), next(found, limit, ReferenceData.Drug::code));
    }

    @GET
    @Path("/drugs/{code}")
    @RolesAllowed("**")
    @Operation(summary = "One dictionary drug by its code")
    @APIResponse(responseCode = "200", description = "The drug, with its ATC code and prescribing bounds")
    @APIResponse(responseCode = "404", description = "No such drug in the dictionary")
    public ReferenceData.Drug drug(@PathParam("code") String code) {
        return ReferenceData.drug(code).orElseThrow(() -> new ResourceNotFound("drug", code));
    }

    private static <T> String next(List<T> found, int limit, Function<T, String> code) {
        return found.size() > limit ? code.apply(found.get(limit - 1)) : null;
    }
}
