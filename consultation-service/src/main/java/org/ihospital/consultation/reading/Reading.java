package org.ihospital.consultation.reading;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ihospital.commons.problem.InvalidField;

/**
 * One measurement a patient reported (by hand or from a device through their app), at the time it was
 * measured. A device's reading carries the device's own id for it: sent twice, it is one reading.
 */
@Entity
@Table(name = "reading")
public class Reading {

    /** How far ahead of the server's clock a device's clock may be. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How old a reading may be when it is first sent (a device that kept a year of readings offline). */
    static final Duration OLDEST = Duration.ofDays(366);

    @Id
    private UUID id;
    @Column(name = "patient_id")
    private UUID patientId;
    @Enumerated(EnumType.STRING)
    private Measurement.Kind kind;
    @Column(name = "measured_at")
    private Instant measuredAt;
    @Column(name = "systolic_mmhg")
    private Integer systolic;
    @Column(name = "diastolic_mmhg")
    private Integer diastolic;
    @Column(name = "pulse_bpm")
    private Integer pulse;
    private BigDecimal value;
    @Enumerated(EnumType.STRING)
    @Column(name = "glucose_timing")
    private Measurement.Timing glucoseTiming;
    @Column(name = "device_id")
    private String deviceId;
    @Column(name = "device_reading_id")
    private String deviceReadingId;
    @Column(name = "recorded_at")
    private Instant recordedAt;
    @Column(name = "recorded_by")
    private String recordedBy;

    protected Reading() {
    }

    /** The device that measured it and its own id for the reading; both or neither. */
    record Device(String deviceId, String readingId) {
    }

    /**
     * @param device null for a reading typed in by hand
     * @throws InvalidField when it was measured in the future or longer ago than a year
     */
    static Reading of(UUID patient, Measurement m, Instant measuredAt, Device device, String by, Instant now) {
        if (measuredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidField("measuredAt", "must not be in the future");
        }
        if (measuredAt.isBefore(now.minus(OLDEST))) {
            throw new InvalidField("measuredAt", "must be within the last year");
        }
        Reading r = new Reading();
        r.id = UUID.randomUUID();
        r.patientId = patient;
        r.kind = m.kind();
        r.measuredAt = measuredAt;
        r.value = m.primary();
        if (m instanceof Measurement.BloodPressure bp) {
            r.systolic = bp.systolic();
            r.diastolic = bp.diastolic();
            r.pulse = bp.pulse();
        }
        if (m instanceof Measurement.Glucose g) {
            r.glucoseTiming = g.timing();
        }
        if (device != null) {
            r.deviceId = device.deviceId();
            r.deviceReadingId = device.readingId();
        }
        r.recordedAt = now;
        r.recordedBy = by;
        return r;
    }

    /** The measurement again, as the domain reads it. */
    public Measurement measurement() {
        return switch (kind) {
            case BLOOD_PRESSURE -> new Measurement.BloodPressure(systolic, diastolic, pulse);
            case GLUCOSE -> new Measurement.Glucose(value, glucoseTiming);
            case WEIGHT -> new Measurement.Weight(value);
            case HBA1C -> new Measurement.HbA1c(value);
        };
    }

    public UUID id() {
        return id;
    }

    public UUID patientId() {
        return patientId;
    }

    public Measurement.Kind kind() {
        return kind;
    }

    public Instant measuredAt() {
        return measuredAt;
    }

    public String deviceId() {
        return deviceId;
    }

    public String deviceReadingId() {
        return deviceReadingId;
    }

    Integer systolic() {
        return systolic;
    }

    Integer diastolic() {
        return diastolic;
    }

    Integer pulse() {
        return pulse;
    }

    BigDecimal value() {
        return value;
    }

    Measurement.Timing glucoseTiming() {
        return glucoseTiming;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    String recordedBy() {
        return recordedBy;
    }
}
