package org.ihospital.insurance.catalogue;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class CatalogueRepository implements PanacheRepositoryBase<CatalogueEntry, String> {

    Uni<List<CatalogueEntry>> of(Collection<String> drugCodes) {
        return list("drugCode in ?1", drugCodes);
    }

    Uni<List<CatalogueEntry>> all() {
        return listAll(Sort.ascending("drugCode"));
    }
}
