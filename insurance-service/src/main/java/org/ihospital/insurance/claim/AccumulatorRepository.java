package org.ihospital.insurance.claim;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class AccumulatorRepository implements PanacheRepositoryBase<Accumulator, Accumulator.Key> {

    /**
     * The patient's year, locked until the transaction ends: two claims of one patient are split one after
     * the other. The row is made first if it is the year's first claim (native: PostgreSQL's
     * {@code ON CONFLICT DO NOTHING}, so that two first claims at once make one row).
     */
    /** The patient's year as it stands, unlocked (for a quote: nothing is written). */
    Uni<YearToDate> yearOf(UUID patient, int year) {
        return findById(new Accumulator.Key(patient, year)).map(a -> a == null ? YearToDate.NONE : a.year());
    }

    Uni<Accumulator> locked(UUID patient, int year) {
        return getSession().chain(s -> s.createNativeQuery("insert into accumulator (patient_id, year) values (?1, ?2) on conflict do nothing")
                .setParameter(1, patient).setParameter(2, year).executeUpdate())
                .chain(() -> findById(new Accumulator.Key(patient, year), LockModeType.PESSIMISTIC_WRITE));
    }
}
