package org.ihospital.consultation.doctor;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class DoctorRepository implements PanacheRepositoryBase<Doctor, UUID> {

    Uni<List<Doctor>> listActive(String department) {
        if (department == null) {
            return list("active", Sort.by("name").and("id"), true);
        }
        return list("select distinct d from Doctor d join d.departments dep where d.active = true and dep = ?1 order by d.name, d.id",
                department);
    }

    Uni<Optional<UUID>> idOfAccount(String subject) {
        return getSession().chain(s -> s.createSelectionQuery("select d.id from Doctor d where d.userId = ?1", UUID.class)
                .setParameter(1, subject).getResultList())
                .map(ids -> ids.stream().findFirst());
    }

    Uni<Optional<DoctorFacts>> facts(UUID doctor) {
        return getSession().chain(s -> s.createSelectionQuery(
                "select d.id, d.userId, d.licenceNumber, d.active from Doctor d where d.id = ?1", DoctorFacts.class)
                .setParameter(1, doctor).getResultList())
                .map(found -> found.stream().findFirst());
    }
}
