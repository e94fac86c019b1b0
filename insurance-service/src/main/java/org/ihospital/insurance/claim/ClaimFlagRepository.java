package org.ihospital.insurance.claim;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class ClaimFlagRepository implements PanacheRepositoryBase<ClaimFlag, UUID> {

    Uni<List<ClaimFlag>> of(UUID claim) {
        return list("claimId", Sort.ascending("kind", "id"), claim);
    }

    Uni<ClaimFlag> locked(UUID claim, UUID flag) {
        return find("id = ?1 and claimId = ?2", flag, claim).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
