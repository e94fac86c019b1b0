package org.ihospital.consultation.infrastructure;

import java.util.Set;

/**
 * Who is asking: the token's subject, roles and display name. Services decide ownership with it; it
 * carries no framework type so that the rules can be read and tested without one.
 */
public record Caller(String subject, Set<String> roles, String displayName) {

    public boolean isPatient() {
        return roles.contains("patient");
    }

    public boolean isDoctor() {
        return roles.contains("doctor");
    }

    public boolean isOperator() {
        return roles.contains("operator");
    }
}
