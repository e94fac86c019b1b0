package org.ihospital.consultation.signature;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class DoctorKeyRepository implements PanacheRepositoryBase<DoctorKey, UUID> {

    Uni<DoctorKey> activeOf(UUID doctor) {
        return find("doctorId = ?1 and active = true", doctor).firstResult();
    }

    /**
     * Stores a new key unless the doctor already has an active one (two first prescriptions at once
     * make one key; native: PostgreSQL's {@code ON CONFLICT DO NOTHING} on the one-active-key index).
     */
    Uni<Void> insertUnlessOneIsActive(DoctorKey key, byte[] publicKey, byte[] sealed, byte[] iv) {
        var a = key.attested();
        return getSession().chain(s -> s.createNativeQuery("""
                insert into doctor_key (id, doctor_id, algorithm, public_key, private_key_encrypted, iv, active, created_at,
                                        not_before, not_after, attestation, attested_by)
                values (?1, ?2, 'Ed25519', ?3, ?4, ?5, true, ?6, ?6, ?7, ?8, ?9)
                on conflict (doctor_id) where active do nothing""")
                .setParameter(1, key.id()).setParameter(2, key.doctorId()).setParameter(3, publicKey).setParameter(4, sealed)
                .setParameter(5, iv).setParameter(6, a.notBefore()).setParameter(7, a.notAfter()).setParameter(8, a.attestation())
                .setParameter(9, a.attestedBy())
                .executeUpdate()).replaceWithVoid();
    }
}
