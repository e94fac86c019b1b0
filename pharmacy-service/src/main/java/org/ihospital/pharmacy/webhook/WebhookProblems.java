package org.ihospital.pharmacy.webhook;

import java.util.UUID;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ProblemException;

final class WebhookProblems {

    private WebhookProblems() {
    }

    static final class StillPending extends ProblemException {
        StillPending(UUID id) {
            super("webhook-still-pending", 409, "Delivery still pending",
                    "Delivery " + id + " is still being tried; replay one that failed or was delivered");
        }
    }

    static final class ListNeedsAFilter extends InvalidField {
        ListNeedsAFilter() {
            super("failed", "ask for failed=true, or name a partner with partnerId");
        }
    }
}
