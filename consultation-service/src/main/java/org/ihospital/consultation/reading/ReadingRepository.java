package org.ihospital.consultation.reading;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The rows of readings. Runs in the caller's session. */
@ApplicationScoped
class ReadingRepository {

    /** Rows a statement inserts at most (13 parameters each, far below PostgreSQL's 65,535). */
    static final int ROWS_PER_STATEMENT = 100;

    /**
     * Stores each reading unless its device already sent it (the same device's id for it, for this patient):
     * one statement for up to {@value #ROWS_PER_STATEMENT} readings, so two apps syncing the same device at once
     * store each reading once, and a device's batch costs a round trip per hundred readings, not one each.
     *
     * @return the ids of the readings stored (the others were sent before)
     */
    Uni<Set<UUID>> addAllOnce(List<Reading> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<Reading> now = batch.subList(0, Math.min(batch.size(), ROWS_PER_STATEMENT));
        List<Reading> rest = batch.subList(now.size(), batch.size());
        StringBuilder sql = new StringBuilder("""
                insert into reading (id, patient_id, kind, measured_at, systolic_mmhg, diastolic_mmhg, pulse_bpm, value, glucose_timing,
                                     device_id, device_reading_id, recorded_at, recorded_by) values """);
        for (int i = 0; i < now.size(); i++) {
            int p = i * 13;
            sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?").append(p + 3)
                    .append(", ?").append(p + 4).append(", cast(?").append(p + 5).append(" as int), cast(?").append(p + 6)
                    .append(" as int), cast(?").append(p + 7).append(" as int), ?").append(p + 8).append(", cast(?").append(p + 9)
                    .append(" as text), cast(?").append(p + 10).append(" as text), cast(?").append(p + 11).append(" as text), ?")
                    .append(p + 12).append(", ?").append(p + 13).append(')');
        }
        // a mutation, not a native select with a result type (commons RowLocks says why Hibernate Reactive must not
        // plan one per request); which readings were stored is asked only when some were not
        sql.append(" on conflict (patient_id, device_id, device_reading_id) where device_id is not null do nothing");
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql.toString());
            for (int i = 0; i < now.size(); i++) {
                Reading r = now.get(i);
                int p = i * 13;
                query.setParameter(p + 1, r.id()).setParameter(p + 2, r.patientId()).setParameter(p + 3, r.kind().name())
                        .setParameter(p + 4, r.measuredAt()).setParameter(p + 5, r.systolic()).setParameter(p + 6, r.diastolic())
                        .setParameter(p + 7, r.pulse()).setParameter(p + 8, r.value())
                        .setParameter(p + 9, r.glucoseTiming() == null ? null : r.glucoseTiming().name())
                        .setParameter(p + 10, r.deviceId()).setParameter(p + 11, r.deviceReadingId()).setParameter(p + 12, r.recordedAt())
                        .setParameter(p + 13, r.recordedBy());
            }
            return query.executeUpdate().chain(inserted -> inserted == now.size()
                    ? Uni.createFrom().item(now.stream().map(Reading::id).toList())
                    : s.createSelectionQuery("select r.id from Reading r where r.id in ?1", UUID.class)
                            .setParameter(1, now.stream().map(Reading::id).toList()).getResultList());
        }).chain(stored -> addAllOnce(rest).map(more -> {
            Set<UUID> all = new HashSet<>(stored);
            all.addAll(more);
            return all;
        }));
    }

    /** A patient's latest readings of a kind, newest first. */
    Uni<List<Reading>> latest(UUID patient, Measurement.Kind kind, int count) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from Reading where patientId = :patient and kind = :kind order by measuredAt desc, id", Reading.class)
                .setParameter("patient", patient).setParameter("kind", kind).setMaxResults(count).getResultList());
    }

    Uni<Reading> find(UUID id) {
        return Panache.getSession().chain(s -> s.find(Reading.class, id));
    }

    /** A patient's readings measured in [from, to), of one kind or all, newest first, at most {@code limit}. */
    Uni<List<Reading>> of(UUID patient, Measurement.Kind kind, Instant from, Instant to, int limit) {
        String kindClause = kind == null ? "" : " and kind = :kind";
        return Panache.getSession().chain(s -> {
            var query = s.createSelectionQuery("from Reading where patientId = :patient" + kindClause
                    + " and measuredAt >= :from and measuredAt < :to order by measuredAt desc, id", Reading.class)
                    .setParameter("patient", patient).setParameter("from", from).setParameter("to", to);
            if (kind != null) {
                query.setParameter("kind", kind);
            }
            return query.setMaxResults(limit).getResultList();
        });
    }
}
