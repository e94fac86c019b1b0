package org.ihospital.pharmacy.partner;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ProblemException;

/** What can go wrong with a partner's registration, as problem types. */
final class PartnerProblems {

    private PartnerProblems() {
    }

    static final class AlreadyRegistered extends ProblemException {
        AlreadyRegistered(String what) {
            super("partner-already-registered", 409, "Partner already registered",
                    "A partner with this " + what + " is registered; to get a new webhook secret, rotate it");
        }
    }

    static final class InsecureWebhookUrl extends InvalidField {
        InsecureWebhookUrl() {
            super("webhookUrl", "must be an https URL (plain http only to the hosts hospital.pharmacy.partners.plain-http-hosts names)");
        }
    }
}
