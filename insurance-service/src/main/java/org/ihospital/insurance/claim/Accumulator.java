package org.ihospital.insurance.claim;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A patient's year: what their adjudicated, not voided claims took. */
@Entity
@Table(name = "accumulator")
public class Accumulator {

    @Embeddable
    public record Key(@Column(name = "patient_id") UUID patientId, int year) implements Serializable {
    }

    @EmbeddedId
    private Key key;
    @Column(name = "deductible_used")
    private long deductibleUsed;
    @Column(name = "basic_paid")
    private long basicPaid;
    @Column(name = "supplementary_paid")
    private long supplementaryPaid;

    protected Accumulator() {
    }

    YearToDate year() {
        return new YearToDate(deductibleUsed, basicPaid, supplementaryPaid);
    }

    void add(YearToDate takes) {
        set(year().plus(takes));
    }

    void giveBack(YearToDate takes) {
        set(year().minus(takes));
    }

    private void set(YearToDate y) {
        deductibleUsed = y.deductibleUsed();
        basicPaid = y.basicPaid();
        supplementaryPaid = y.supplementaryPaid();
    }
}
