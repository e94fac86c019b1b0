package org.ihospital.consultation.patient;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ihospital.commons.logging.PiiMask;

/**
 * A patient's profile. Name, phone and ID-card number are stored in full (the hospital needs them),
 * shown only masked, and never logged ({@link #toString()} is masked too).
 */
@Entity
@Table(name = "patient")
public class Patient {

    @Id
    private UUID id;
    @Column(name = "user_id")
    private String userId;
    private String name;
    private String phone;
    @Column(name = "id_card")
    private String idCard;
    private String region;

    protected Patient() {
    }

    void update(ContactDetails details) {
        this.name = details.name();
        this.phone = details.phone();
        this.idCard = details.idCard();
        this.region = details.region();
    }

    public UUID id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String region() {
        return region;
    }

    /** Name and ID-card number given, the ID card's check character valid (ContactDetails checks it). */
    public boolean realNameVerified() {
        return name != null && !name.isBlank() && idCard != null;
    }

    PatientFacts facts() {
        return new PatientFacts(id, region, realNameVerified(), userId);
    }

    /** The name as given: for its owner's eyes (never for a log: toString is masked). */
    public String name() {
        return name;
    }

    /** The phone number as given: for its owner's eyes. */
    public String phone() {
        return phone;
    }

    public String maskedName() {
        return PiiMask.name(name);
    }

    public String maskedPhone() {
        return phone == null ? null : PiiMask.phone(phone);
    }

    public String maskedIdCard() {
        return idCard == null ? null : PiiMask.idCard(idCard);
    }

    @Override
    public String toString() {
        return "Patient[" + id + "]";
    }
}
