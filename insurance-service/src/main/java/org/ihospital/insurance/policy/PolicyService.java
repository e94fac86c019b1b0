package org.ihospital.insurance.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Policies and who they cover. */
@ApplicationScoped
public class PolicyService {

    public record PolicyView(UUID id, String name, Benefits benefits, LocalDate validFrom, LocalDate validUntil) {
        static PolicyView of(Policy p) {
            return new PolicyView(p.id(), p.name(), p.benefits(), p.validFrom(), p.validUntil());
        }
    }

    public record CoverageView(UUID id, UUID patientId, UUID policyId, LocalDate validFrom, LocalDate validUntil) {
        static CoverageView of(Coverage c) {
            return new CoverageView(c.id(), c.patientId(), c.policyId(), c.validFrom(), c.validUntil());
        }
    }

    private final PolicyRepository policies;
    private final CoverageRepository coverages;
    private final Clock clock;

    public PolicyService(PolicyRepository policies, CoverageRepository coverages, Clock clock) {
        this.policies = policies;
        this.coverages = coverages;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<PolicyView> create(Caller operator, String name, Benefits benefits, LocalDate from, LocalDate until) {
        return Uni.createFrom().item(() -> Policy.create(name, benefits, from, until, operator.subject(), clock.instant()))
                .chain(policies::persist).map(PolicyView::of);
    }

    @WithTransaction
    public Uni<PolicyView> get(UUID id) {
        return policies.findById(id).map(p -> {
            if (p == null) {
                throw new ResourceNotFound("policy", id);
            }
            return PolicyView.of(p);
        });
    }

    /** Covers a patient by a policy for a period; a period overlapping another coverage of the patient → 409, nothing changed. */
    @WithTransaction
    public Uni<CoverageView> cover(Caller operator, UUID patient, UUID policyId, LocalDate from, LocalDate until) {
        return policies.findById(policyId).chain(policy -> {
            if (policy == null) {
                return Uni.createFrom().failure(new ResourceNotFound("policy", policyId));
            }
            Coverage coverage = Coverage.of(patient, policy, from, until, operator.subject(), clock.instant());
            return coverages.persistAndFlush(coverage)
                    .onFailure(e -> Constraints.violated(e, "coverage_no_overlap")).transform(e -> new PolicyProblems.OverlappingCoverage(patient));
        }).map(CoverageView::of);
    }

    @WithTransaction
    public Uni<List<CoverageView>> coveragesOf(UUID patient) {
        return coverages.of(patient).map(all -> all.stream().map(CoverageView::of).toList());
    }
}
