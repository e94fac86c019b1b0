package org.ihospital.insurance.catalogue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.contracts.ReferenceData;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The live insurance catalogue: operators keep it; claims price against it. */
@ApplicationScoped
public class CatalogueService {

    /** An item as shown. */
    public record CatalogueView(String drugCode, CatalogueClass catalogueClass, long unitPrice, int quantityLimit, int version, Instant updatedAt) {
        static CatalogueView of(CatalogueEntry e) {
            CatalogueItem i = e.item();
            return new CatalogueView(i.drugCode(), i.catalogueClass(), i.unitPrice(), i.quantityLimit(), e.version(), e.updatedAt());
        }
    }

    private final CatalogueRepository catalogue;
    private final Clock clock;

    public CatalogueService(CatalogueRepository catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Prices a drug of the drug dictionary (one that is not cannot be prescribed, so cannot be catalogued). */
    @WithTransaction
    public Uni<CatalogueView> put(Caller operator, CatalogueItem item) {
        if (ReferenceData.drug(item.drugCode()).isEmpty()) {
            return Uni.createFrom().failure(new InvalidField("drugCode", "not a code of the drug dictionary"));
        }
        return catalogue.findById(item.drugCode(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            if (existing == null) {
                return catalogue.persist(CatalogueEntry.add(item, operator.subject(), clock.instant()));
            }
            existing.change(item, operator.subject(), clock.instant());
            return Uni.createFrom().item(existing);
        }).map(CatalogueView::of);
    }

    @WithTransaction
    public Uni<CatalogueView> get(String drugCode) {
        return catalogue.findById(drugCode).map(e -> {
            if (e == null) {
                throw new ResourceNotFound("catalogue item", drugCode);
            }
            return CatalogueView.of(e);
        });
    }

    @WithTransaction
    public Uni<List<CatalogueView>> all() {
        return catalogue.all().map(all -> all.stream().map(CatalogueView::of).toList());
    }
}
