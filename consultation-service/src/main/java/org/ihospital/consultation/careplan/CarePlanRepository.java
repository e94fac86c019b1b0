package org.ihospital.consultation.careplan;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The rows of care plans and their alerts. Runs in the caller's session. */
@ApplicationScoped
class CarePlanRepository {

    Uni<List<CarePlan>> ofPatient(UUID patient) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from CarePlan where patientId = ?1 order by condition", CarePlan.class)
                .setParameter(1, patient).getResultList());
    }

    /**
     * Locks the patient's plans until the transaction ends: readings stored at the same moment are judged one
     * after the other, each seeing the other's, so a run completed by two of them is found once, by the second.
     */
    Uni<Void> lockPlansOf(UUID patient) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select p.id from CarePlan p where p.patientId = ?1", UUID.class)
                .setParameter(1, patient).setLockMode(LockMode.PESSIMISTIC_WRITE).getResultList()).replaceWithVoid();
    }

    Uni<CarePlan> find(UUID patient, CarePlan.Condition condition) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from CarePlan where patientId = ?1 and condition = ?2", CarePlan.class)
                .setParameter(1, patient).setParameter(2, condition).getSingleResultOrNull());
    }

    Uni<Void> add(CarePlan plan) {
        return Panache.getSession().chain(s -> s.persist(plan).chain(s::flush));
    }

    Uni<Void> flush() {
        return Panache.getSession().chain(s -> s.flush());
    }

    /** Plans in id order after {@code after} (null: from the start), a page at a time. */
    Uni<List<CarePlan>> page(UUID after, int limit) {
        return Panache.getSession().chain(s -> after == null
                ? s.createSelectionQuery("from CarePlan order by id", CarePlan.class).setMaxResults(limit).getResultList()
                : s.createSelectionQuery("from CarePlan where id > ?1 order by id", CarePlan.class).setParameter(1, after)
                        .setMaxResults(limit).getResultList());
    }

    /**
     * Raises the alert unless one was raised for its cause already: one statement, so concurrent readings that
     * find the same cause raise it once.
     *
     * @return whether it was raised now
     */
    Uni<Boolean> raiseOnce(CareAlert a) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into care_alert (id, patient_id, plan_id, rule, cause, detail, raised_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (cause) do nothing""")
                .setParameter(1, a.id()).setParameter(2, a.patientId()).setParameter(3, a.planId()).setParameter(4, a.rule().name())
                .setParameter(5, a.cause()).setParameter(6, a.detail()).setParameter(7, a.raisedAt())
                .executeUpdate()).map(n -> n == 1);
    }

    /** Open alerts of the plans the doctor is on the care team of (every plan's for null), oldest first. */
    Uni<List<CareAlert>> open(UUID doctor, int limit) {
        String hql = doctor == null ? "from CareAlert where acknowledgedAt is null order by raisedAt, id"
                : "from CareAlert a where a.acknowledgedAt is null and a.planId in "
                        + "(select p.id from CarePlan p join p.careTeam d where d = ?1) order by a.raisedAt, a.id";
        return Panache.getSession().chain(s -> {
            var q = s.createSelectionQuery(hql, CareAlert.class);
            if (doctor != null) {
                q.setParameter(1, doctor);
            }
            return q.setMaxResults(limit).getResultList();
        });
    }

    Uni<List<CareAlert>> alertsOf(UUID patient) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from CareAlert where patientId = ?1 order by raisedAt, id",
                CareAlert.class).setParameter(1, patient).getResultList());
    }

    Uni<CareAlert> lockAlert(UUID id) {
        return Panache.getSession().chain(s -> s.find(CareAlert.class, id, LockMode.PESSIMISTIC_WRITE));
    }

    Uni<CarePlan> plan(UUID id) {
        return Panache.getSession().chain(s -> s.find(CarePlan.class, id));
    }
}
