package org.ihospital.consultation.doctor;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ProblemException;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.department.DepartmentQueries;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DoctorService {

    public record Registration(String userId, String name, String licenceNumber, String title, String bio, Set<String> departments) {
    }

    static final class DoctorAlreadyRegistered extends ProblemException {
        DoctorAlreadyRegistered() {
            super("doctor-already-registered", 409, "Doctor already registered",
                    "A doctor with this account or licence number is already registered");
        }
    }

    static final class UnknownDepartment extends ProblemException {
        UnknownDepartment(Set<String> codes) {
            super("unknown-department", 422, "Unknown department", "No such department: " + String.join(", ", codes));
        }
    }

    private final DoctorRepository doctors;
    private final DepartmentQueries departments;
    private final Clock clock;

    public DoctorService(DoctorRepository doctors, DepartmentQueries departments, Clock clock) {
        this.doctors = doctors;
        this.departments = departments;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Doctor> register(Registration r) {
        return departments.unknown(r.departments())
                .chain(unknown -> {
                    if (!unknown.isEmpty()) {
                        return Uni.createFrom().failure(new UnknownDepartment(unknown));
                    }
                    Doctor doctor = Doctor.register(r.userId(), r.name(), r.licenceNumber(), r.title(), r.bio(), r.departments(),
                            clock.instant());
                    return doctors.persistAndFlush(doctor);
                })
                .onFailure(e -> Constraints.violated(e, "doctor_user_id_key") || Constraints.violated(e, "doctor_licence_number_key"))
                .transform(e -> new DoctorAlreadyRegistered());
    }

    @WithSession
    public Uni<List<Doctor>> list(String department) {
        return doctors.listActive(department);
    }

    /** The doctor record of the caller's account; 404 when the account is not (yet) registered as a doctor. */
    @WithSession
    public Uni<Doctor> ofAccount(Caller caller) {
        return doctors.idOfAccount(caller.subject())
                .chain(id -> id.isPresent() ? doctors.findById(id.get()) : Uni.createFrom().<Doctor> nullItem())
                .onItem().ifNull().failWith(() -> new ResourceNotFound("doctor", "of this account"));
    }

    @WithSession
    public Uni<Doctor> get(UUID id) {
        return doctors.findById(id).onItem().ifNull().failWith(() -> new ResourceNotFound("doctor", id));
    }
}
