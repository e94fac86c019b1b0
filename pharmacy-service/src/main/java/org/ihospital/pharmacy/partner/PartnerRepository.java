package org.ihospital.pharmacy.partner;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ihospital.commons.paging.Cursor;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class PartnerRepository implements PanacheRepositoryBase<Partner, UUID> {

    Uni<Partner> byClient(String clientId) {
        return find("clientId", clientId).firstResult();
    }

    Uni<Boolean> licenceTaken(String licenceNumber) {
        return count("licenceNumber", licenceNumber).map(n -> n > 0);
    }

    Uni<Boolean> clientTaken(String clientId) {
        return count("clientId", clientId).map(n -> n > 0);
    }

    Uni<Partner> locked(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** One page of partners in the order they were registered, one more than asked. */
    Uni<List<Partner>> inRegistrationOrder(Cursor after, int limit) {
        if (after == null) {
            return findAll(Sort.ascending("registeredAt", "id")).page(Page.ofSize(limit + 1)).list();
        }
        return find("registeredAt > :at or (registeredAt = :at and id > :id)", Sort.ascending("registeredAt", "id"),
                Parameters.with("at", after.at()).and("id", after.id())).page(Page.ofSize(limit + 1)).list();
    }

    /** The partners that deliver to a region, in registration order. */
    Uni<List<Partner>> serving(String region) {
        return find("select p from Partner p join p.regions r where r = ?1 order by p.registeredAt, p.id", region).list();
    }
}
