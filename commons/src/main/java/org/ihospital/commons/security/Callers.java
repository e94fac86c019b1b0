package org.ihospital.commons.security;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** The current request's {@link Caller}, read from the verified token. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Callers(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller current() {
        String name = token.getClaim("name");
        if (name == null || name.isBlank()) {
            name = token.getClaim("preferred_username");
        }
        return new Caller(token.getSubject(), identity.getRoles(), name, token.getClaim("azp"));
    }
}
