package org.ihospital.consultation.department;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class DepartmentRepository implements PanacheRepositoryBase<Department, String> {

    Uni<List<Department>> listActive() {
        return list("active", Sort.by("sortOrder"), true);
    }
}
