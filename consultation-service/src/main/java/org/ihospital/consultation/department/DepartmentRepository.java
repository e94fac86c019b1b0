package org.ihospital.consultation.department;

import java.util.Collection;
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

    Uni<List<String>> activeCodesAmong(Collection<String> codes) {
        return getSession().chain(s -> s.createSelectionQuery("select d.code from Department d where d.active and d.code in ?1",
                String.class).setParameter(1, codes).getResultList());
    }
}
