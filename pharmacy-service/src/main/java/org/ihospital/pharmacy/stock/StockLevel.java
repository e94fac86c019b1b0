package org.ihospital.pharmacy.stock;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * One drug at one partner: what the partner last reported on its shelves, and how much of it routing
 * set aside for our orders. What can still be promised is the difference, never below zero.
 */
@Entity
@Table(name = "stock")
public class StockLevel {

    @Embeddable
    public record Key(@Column(name = "partner_id") UUID partnerId, @Column(name = "drug_code") String drugCode) implements Serializable {
    }

    @EmbeddedId
    private Key key;
    @Column(name = "on_hand")
    private int onHand;
    private int reserved;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected StockLevel() {
    }

    static StockLevel reported(UUID partner, String drugCode, int onHand, Instant now) {
        StockLevel s = new StockLevel();
        s.key = new Key(partner, drugCode);
        s.onHand = onHand;
        s.updatedAt = now;
        return s;
    }

    /** The partner's new count; what is reserved stays reserved (those units are still on its shelves). */
    void report(int onHand, Instant now) {
        this.onHand = onHand;
        this.updatedAt = now;
    }

    /** Sets units aside for an order: only what is available. */
    boolean reserve(int units) {
        if (available() < units) {
            return false;
        }
        reserved += units;
        return true;
    }

    /** An order gave its units back (rejected, timed out, cancelled). */
    void release(int units) {
        reserved = Math.max(0, reserved - units);
    }

    /** The partner dispensed reserved units: they leave the shelf. */
    void dispense(int units) {
        reserved = Math.max(0, reserved - units);
        onHand = Math.max(0, onHand - units);
    }

    public String drugCode() {
        return key.drugCode();
    }

    public int onHand() {
        return onHand;
    }

    public int reserved() {
        return reserved;
    }

    public int available() {
        return Math.max(0, onHand - reserved);
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
