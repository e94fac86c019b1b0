package org.ihospital.insurance.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class CoverageRepository implements PanacheRepositoryBase<Coverage, UUID> {

    Uni<Coverage> on(UUID patient, LocalDate day) {
        return find("patientId = ?1 and validFrom <= ?2 and validUntil >= ?2", patient, day).firstResult();
    }

    Uni<List<Coverage>> of(UUID patient) {
        return list("patientId", Sort.ascending("validFrom"), patient);
    }
}
