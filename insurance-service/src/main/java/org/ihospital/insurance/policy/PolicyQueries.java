package org.ihospital.insurance.policy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** What claims ask of policies: the patient's benefits on a day. */
@ApplicationScoped
public class PolicyQueries {

    /** The policy covering a patient on a day and its benefits. */
    public record Covered(UUID policyId, Benefits benefits) {
    }

    private final PolicyRepository policies;
    private final CoverageRepository coverages;

    public PolicyQueries(PolicyRepository policies, CoverageRepository coverages) {
        this.policies = policies;
        this.coverages = coverages;
    }

    /** Empty when the patient has no coverage that day. Runs in the caller's session. */
    public Uni<Optional<Covered>> coverageOn(UUID patient, LocalDate day) {
        return coverages.on(patient, day).chain(c -> c == null ? Uni.createFrom().item(Optional.<Covered> empty())
                : policies.findById(c.policyId()).map(p -> Optional.of(new Covered(p.id(), p.benefits()))));
    }
}
