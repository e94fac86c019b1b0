package org.ihospital.consultation.infrastructure;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Who the caller is in the clinic: a patient's or a doctor's record id. Records are matched to the
 * token's subject; a patient's record is created on first use. Runs in the caller's session.
 */
@ApplicationScoped
public class Parties {

    /** No record: matches nothing, so a caller without one owns nothing. */
    public static final UUID NOBODY = new UUID(0, 0);

    public Uni<UUID> of(Caller caller) {
        if (caller.isPatient()) {
            return patient(caller);
        }
        if (caller.isDoctor()) {
            return Panache.getSession().chain(s -> s.createNativeQuery("select id from doctor where user_id = ?1", UUID.class)
                    .setParameter(1, caller.subject()).getResultList())
                    .map(ids -> ids.isEmpty() ? NOBODY : ids.get(0));
        }
        return Uni.createFrom().item(NOBODY);
    }

    /** The caller's patient record, created from the token on first use (concurrent first uses create one). */
    public Uni<UUID> patient(Caller caller) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select id from patient where user_id = ?1", UUID.class)
                .setParameter(1, caller.subject()).getResultList()
                .chain(found -> !found.isEmpty() ? Uni.createFrom().item(found.get(0)) : s.createNativeQuery("""
                        insert into patient (id, user_id, name) values (?1, ?2, ?3)
                        on conflict (user_id) do nothing""")
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, caller.subject())
                        .setParameter(3, caller.displayName() == null ? "" : caller.displayName())
                        .executeUpdate()
                        .chain(() -> s.createNativeQuery("select id from patient where user_id = ?1", UUID.class)
                                .setParameter(1, caller.subject()).getSingleResult())));
    }
}
