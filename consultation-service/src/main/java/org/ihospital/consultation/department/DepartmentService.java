package org.ihospital.consultation.department;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DepartmentService {

    private final DepartmentRepository departments;

    public DepartmentService(DepartmentRepository departments) {
        this.departments = departments;
    }

    /** The hospital's active clinical departments, in display order. */
    @WithSession
    public Uni<List<Department>> active() {
        return departments.listActive();
    }
}
