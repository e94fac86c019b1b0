package org.ihospital.consultation.reading;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The rows of readings. Runs in the caller's session. */
@ApplicationScoped
class ReadingRepository {

    /**
     * Stores the reading unless its device already sent it (the same device's id for it, for this patient): one
     * statement, so two apps syncing the same device at once store it once.
     *
     * @return whether it was stored (false: a reading sent before)
     */
    Uni<Boolean> addOnce(Reading r) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into reading (id, patient_id, kind, measured_at, systolic_mmhg, diastolic_mmhg, pulse_bpm, value, glucose_timing,
                                     device_id, device_reading_id, recorded_at, recorded_by)
                values (?1, ?2, ?3, ?4, cast(?5 as int), cast(?6 as int), cast(?7 as int), ?8, cast(?9 as text),
                        cast(?10 as text), cast(?11 as text), ?12, ?13)
                on conflict (patient_id, device_id, device_reading_id) where device_id is not null do nothing""")
                .setParameter(1, r.id()).setParameter(2, r.patientId()).setParameter(3, r.kind().name())
                .setParameter(4, r.measuredAt()).setParameter(5, r.systolic()).setParameter(6, r.diastolic())
                .setParameter(7, r.pulse()).setParameter(8, r.value()).setParameter(9, r.glucoseTiming() == null ? null : r.glucoseTiming().name())
                .setParameter(10, r.deviceId()).setParameter(11, r.deviceReadingId()).setParameter(12, r.recordedAt())
                .setParameter(13, r.recordedBy())
                .executeUpdate())
                .map(inserted -> inserted == 1);
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
