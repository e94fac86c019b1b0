package org.ihospital.consultation.reading;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** What neighbours may ask of readings. Runs in the caller's session. */
@ApplicationScoped
public class ReadingQueries {

    private final ReadingRepository readings;

    public ReadingQueries(ReadingRepository readings) {
        this.readings = readings;
    }

    /** The patient's latest readings of a kind, newest first (the ones just stored in this transaction included). */
    public Uni<List<Reading>> latest(UUID patient, Measurement.Kind kind, int count) {
        return readings.latest(patient, kind, count);
    }
}
