package org.ihospital.commons.idempotency;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * The route the request matched, as written in the code ({@code POST /api/v1/prescriptions/{id}/revoke}):
 * what an idempotency key is scoped to. Never taken from what the caller sent. Spelt out only when asked
 * (by an idempotent write), not for every request.
 */
@RequestScoped
public class MatchedRoute {

    private String httpMethod;
    private SimpleResourceInfo resource;
    private String operation;

    public String operation() {
        if (operation == null && resource != null) {
            operation = httpMethod + " " + template(resource);
        }
        return operation;
    }

    void record(String httpMethod, SimpleResourceInfo resource) {
        this.httpMethod = httpMethod;
        this.resource = resource;
        this.operation = null;
    }

    private static String template(SimpleResourceInfo resource) {
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path method;
        try {
            method = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes()).getAnnotation(Path.class);
        } catch (NoSuchMethodException e) {
            method = null;
        }
        return (type == null ? "" : type.value()) + (method == null ? "" : (method.value().startsWith("/") ? "" : "/") + method.value());
    }
}
