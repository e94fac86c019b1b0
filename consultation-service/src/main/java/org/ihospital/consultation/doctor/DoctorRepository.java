package org.ihospital.consultation.doctor;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DoctorRepository implements PanacheRepositoryBase<Doctor, UUID> {

    Uni<List<Doctor>> listActive(String department) {
        if (department == null) {
            return list("active", Sort.by("name").and("id"), true);
        }
        return list("select distinct d from Doctor d join d.departments dep where d.active = true and dep = ?1 order by d.name, d.id",
                department);
    }

    public Uni<Doctor> findByUser(String subject) {
        return find("userId", subject).firstResult();
    }
}
