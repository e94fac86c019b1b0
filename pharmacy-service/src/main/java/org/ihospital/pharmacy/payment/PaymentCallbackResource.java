package org.ihospital.pharmacy.payment;


import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.webhook.WebhookSignature;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/payments/sandbox/callback")
@Tag(name = "Payments")
public class PaymentCallbackResource {

    private final PaymentCallbackService callbacks;

    public PaymentCallbackResource(PaymentCallbackService callbacks) {
        this.callbacks = callbacks;
    }

    @POST
    @PermitAll
    @SecurityRequirements
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The sandbox payment provider confirms a payment (signed as Standard Webhooks; no token)")
    @APIResponse(responseCode = "204", description = "Acknowledged (also a repeat)")
    @APIResponse(responseCode = "400", description = "A body that is not a notification")
    @APIResponse(responseCode = "401", description = "The signature does not hold, or is stale (problem: /problems/invalid-signature)")
    @APIResponse(responseCode = "404", description = "No such order")
    public Uni<Void> notify(@HeaderParam(WebhookSignature.ID) String id, @HeaderParam(WebhookSignature.TIMESTAMP) String timestamp,
            @HeaderParam(WebhookSignature.SIGNATURE) String signature, String body) {
        return callbacks.receive(id, timestamp, signature, body);
    }
}
