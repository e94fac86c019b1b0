package org.ihospital.consultation.department;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** What other packages may ask about departments. Runs in the caller's session. */
@ApplicationScoped
public class DepartmentQueries {

    private final DepartmentRepository departments;

    public DepartmentQueries(DepartmentRepository departments) {
        this.departments = departments;
    }

    /** Those of {@code codes} that are no active department. */
    public Uni<Set<String>> unknown(Set<String> codes) {
        return departments.activeCodesAmong(codes).map(known -> {
            Set<String> unknown = new TreeSet<>(codes);
            unknown.removeAll(known);
            return unknown;
        });
    }
}
