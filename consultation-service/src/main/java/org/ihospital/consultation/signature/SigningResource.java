package org.ihospital.consultation.signature;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prescriptions")
public class SigningResource {

    /** A JSON Web Key Set (RFC 7517). */
    public record KeySet(List<Map<String, String>> keys) {
    }

    private final SigningService signing;

    public SigningResource(SigningService signing) {
        this.signing = signing;
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "The hospital's keys (JWKS, Ed25519) that attest doctors' signing keys: verify a prescription on your own")
    @APIResponse(responseCode = "200", description = "The key set")
    public KeySet keys() {
        return new KeySet(signing.hospitalKeys().stream().map(k -> k.jwk()).toList());
    }
}
