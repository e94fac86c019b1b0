package org.ihospital.consultation.doctor;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** A licensed doctor with an account, practising in one or more departments. */
@Entity
@Table(name = "doctor")
public class Doctor {

    @Id
    private UUID id;
    @Column(name = "user_id")
    private String userId;
    private String name;
    @Column(name = "licence_number")
    private String licenceNumber;
    private String title;
    private String bio;
    private boolean active;
    @Column(name = "created_at")
    private Instant createdAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "doctor_department", joinColumns = @JoinColumn(name = "doctor_id"))
    @Column(name = "department_code")
    private Set<String> departments = new TreeSet<>();

    protected Doctor() {
    }

    static Doctor register(String userId, String name, String licenceNumber, String title, String bio, Set<String> departments,
            Instant at) {
        Doctor doctor = new Doctor();
        doctor.id = UUID.randomUUID();
        doctor.userId = userId;
        doctor.name = name;
        doctor.licenceNumber = licenceNumber;
        doctor.title = title;
        doctor.bio = bio == null ? "" : bio;
        doctor.active = true;
        doctor.createdAt = at;
        doctor.departments = new TreeSet<>(departments);
        return doctor;
    }

    public UUID id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    public String licenceNumber() {
        return licenceNumber;
    }

    public String title() {
        return title;
    }

    public String bio() {
        return bio;
    }

    public boolean active() {
        return active;
    }

    public Set<String> departments() {
        return Set.copyOf(departments);
    }
}
