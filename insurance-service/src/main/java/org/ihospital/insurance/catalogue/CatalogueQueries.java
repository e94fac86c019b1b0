package org.ihospital.insurance.catalogue;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** What claims ask of the catalogue: how it prices these drugs now. */
@ApplicationScoped
public class CatalogueQueries {

    private final CatalogueRepository catalogue;

    public CatalogueQueries(CatalogueRepository catalogue) {
        this.catalogue = catalogue;
    }

    /** Drug code → item, for the codes the catalogue has (a code it lacks is absent). Runs in the caller's session. */
    public Uni<Map<String, CatalogueItem>> items(Collection<String> drugCodes) {
        return catalogue.of(drugCodes).map(found -> found.stream().map(CatalogueEntry::item)
                .collect(Collectors.toMap(CatalogueItem::drugCode, i -> i)));
    }
}
