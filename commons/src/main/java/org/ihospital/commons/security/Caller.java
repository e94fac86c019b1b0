package org.ihospital.commons.security;

import java.util.Set;

import org.ihospital.commons.logging.PiiMask;

/**
 * Who is asking: the token's subject, roles and display name, and the client the token was issued to
 * ({@code azp}: for a partner's client-credentials token, the partner's own client). Services decide rights with it; it
 * carries no framework type so that the rules can be read and tested without one.
 *
 * <p>A person may hold several roles (a pharmacist who is also a patient). A right is always checked
 * against the role that grants it: {@code caller.is(Role.DOCTOR)} before acting as a doctor, never
 * "whichever role comes first".
 */
public record Caller(String subject, Set<String> roles, String displayName, String client) {

    public static final String PATIENT = "patient";
    public static final String DOCTOR = "doctor";
    public static final String PHARMACIST = "pharmacist";
    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";
    public static final String PHARMACY_PARTNER = "pharmacy-partner";

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** A person signed in through an app: the client is of no concern. */
    public Caller(String subject, Set<String> roles, String displayName) {
        this(subject, roles, displayName, null);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean isPatient() {
        return is(PATIENT);
    }

    public boolean isDoctor() {
        return is(DOCTOR);
    }

    public boolean isOperator() {
        return is(OPERATOR);
    }

    /** The display name is personal data: a caller printed into a log shows it masked. */
    @Override
    public String toString() {
        return "Caller[subject=" + subject + ", roles=" + roles + ", displayName=" + PiiMask.name(displayName) + ", client=" + client + "]";
    }
}
