package org.ihospital.commons.idempotency;

import jakarta.enterprise.context.RequestScoped;

/**
 * The route the request matched, as written in the code ({@code POST /api/v1/prescriptions/{id}/revoke}):
 * what an idempotency key is scoped to. Never taken from what the caller sent.
 */
@RequestScoped
public class MatchedRoute {

    private String operation;

    public String operation() {
        return operation;
    }

    void record(String operation) {
        this.operation = operation;
    }
}
